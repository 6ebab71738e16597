//===--- ChangedLines.cpp - findings on the lines a change touches --------===//

#include "ChangedLines.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace statescope {

namespace {

std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
}

/// Runs git with Args and returns its output, or a one-line error with
/// what git said.
llvm::Expected<std::string> git(llvm::ArrayRef<llvm::StringRef> Args) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("--diff-base needs git, which is not on PATH");
  llvm::SmallString<128> Out, Err;
  for (auto *Path : {&Out, &Err})
    if (std::error_code EC = llvm::sys::fs::createTemporaryFile("statescope-git", "txt", *Path))
      return llvm::createStringError("cannot create a temporary file: " + EC.message());
  auto Remove = llvm::make_scope_exit([&] {
    llvm::sys::fs::remove(Out);
    llvm::sys::fs::remove(Err);
  });
  std::vector<llvm::StringRef> Argv = {*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Out.str(), Err.str()};
  std::string Why;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &Why);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  if (Status != 0) {
    std::string Said = Read(Err);
    llvm::StringRef First = llvm::StringRef(Said).trim().split('\n').first;
    return llvm::createStringError("git " + llvm::join(Args, " ") +
                                   " failed: " + (First.empty() ? llvm::StringRef(Why) : First));
  }
  return Read(Out);
}

} // namespace

ChangedLines ChangedLines::fromDiff(llvm::StringRef Diff, llvm::StringRef Top) {
  ChangedLines Result;
  std::string File;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      // "+++ /dev/null": the file was deleted; it has no lines.
      File = Line.consume_front("b/") ? realPath((Top + "/" + Line).str()) : "";
      continue;
    }
    if (!Line.consume_front("@@ ") || File.empty())
      continue;
    // @@ -a[,b] +c[,d] @@: d lines (1 when not given) from line c.
    llvm::StringRef New = Line.split(' ').second.split(' ').first;
    if (!New.consume_front("+"))
      continue;
    auto [Start, Count] = New.split(',');
    unsigned First = 0, Length = 1;
    if (Start.getAsInteger(10, First) || (!Count.empty() && Count.getAsInteger(10, Length)))
      continue;
    if (Length)
      Result.Runs[File].push_back({First, First + Length - 1});
  }
  return Result;
}

bool ChangedLines::contains(const std::string &File, unsigned Line) const {
  auto It = Runs.find(File);
  return It != Runs.end() && llvm::any_of(It->second, [&](const auto &Run) {
           return Run.first <= Line && Line <= Run.second;
         });
}

llvm::Expected<ChangedLines> changedLinesSince(llvm::StringRef Ref, llvm::StringRef Root) {
  auto Top = git({"-C", Root, "rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  std::string TopDir = realPath(llvm::StringRef(*Top).trim());
  auto Diff = git({"-C", TopDir, "-c", "core.quotePath=false", "diff", "--no-color",
                   "--no-ext-diff", "--no-renames", "-U0", "--merge-base", Ref, "--"});
  if (!Diff)
    return Diff.takeError();
  return ChangedLines::fromDiff(*Diff, TopDir);
}

void keepChangedLines(Report &R, const ChangedLines &Changed) {
  std::map<std::string, std::string> RealPaths;
  auto Unchanged = [&](const Finding &F) {
    auto [It, New] = RealPaths.try_emplace(F.Main.Loc.File);
    if (New)
      It->second = realPath(F.Main.Loc.File);
    return !Changed.contains(It->second, F.Main.Loc.Line);
  };
  size_t Before = R.Findings.size();
  R.Findings.erase(std::remove_if(R.Findings.begin(), R.Findings.end(), Unchanged),
                   R.Findings.end());
  R.Counts.Unchanged += Before - R.Findings.size();
}

} // namespace statescope

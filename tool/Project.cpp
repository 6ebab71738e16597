//===--- Project.cpp - the compile database and the units to analyse ------===//

#include "Project.h"
#include "Report.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <map>

namespace statescope {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

Project::Project() = default;
Project::Project(Project &&) = default;
Project::~Project() = default;

namespace {

/// One compile command per file, the first the database lists: a file that
/// is listed many times (one entry per build configuration, or a generator
/// that repeats itself) is one unit, analysed once.
class FirstCommandDatabase : public clang::tooling::CompilationDatabase {
public:
  explicit FirstCommandDatabase(std::unique_ptr<CompilationDatabase> Inner)
      : Inner(std::move(Inner)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<clang::tooling::CompileCommand> All = Inner->getCompileCommands(File);
    if (All.size() > 1)
      All.resize(1);
    return All;
  }
  std::vector<std::string> getAllFiles() const override { return Inner->getAllFiles(); }
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override {
    return Inner->getAllCompileCommands();
  }

private:
  std::unique_ptr<CompilationDatabase> Inner;
};

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(llvm::StringRef Dir) {
  llvm::SmallString<256> File(Dir);
  path::append(File, "compile_commands.json");
  if (!fs::exists(File))
    return llvm::createStringError("no compile_commands.json in " + Dir);
  // Clang's reader is a YAML parser: it prints what it cannot parse and then
  // recovers, accepting files that are not JSON. Strict JSON first.
  auto Text = llvm::MemoryBuffer::getFile(File);
  if (!Text)
    return llvm::createStringError("cannot read " + File + ": " + Text.getError().message());
  if (auto Parsed = llvm::json::parse((*Text)->getBuffer()); !Parsed)
    return llvm::createStringError(File +
                                   ": not valid JSON: " + llvm::toString(Parsed.takeError()));
  std::string Error;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromFile(
      File, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return llvm::createStringError(
        File + ": not a valid compile database: " + llvm::StringRef(Error).rtrim('.'));
  // A relative directory would be taken relative to wherever statescope
  // runs, which is never what the build meant.
  for (const clang::tooling::CompileCommand &C : DB->getAllCompileCommands())
    if (!path::is_absolute(C.Directory))
      return llvm::createStringError(File + ": the entry for '" + C.Filename +
                                     "' has a relative \"directory\" ('" + C.Directory +
                                     "'); it must be absolute");
  // As clang-tidy -p reads a database: @file response files expanded
  // (relative to each entry's directory), and the target and driver mode
  // that a compiler's name implies (x86_64-linux-gnu-g++) made explicit.
  return std::make_unique<FirstCommandDatabase>(clang::tooling::inferTargetAndDriverMode(
      clang::tooling::expandResponseFiles(std::move(DB), llvm::vfs::getRealFileSystem())));
}

/// -p, else the nearest directory with a compile_commands.json above the
/// first path (or the current directory), else ./build.
std::string databaseDir(llvm::StringRef BuildPath, llvm::ArrayRef<std::string> Paths) {
  if (!BuildPath.empty())
    return BuildPath.str();
  llvm::SmallString<256> Start;
  if (!Paths.empty())
    fs::real_path(Paths.front(), Start);
  if (Start.empty())
    fs::current_path(Start);
  if (!fs::is_directory(Start))
    path::remove_filename(Start);
  for (llvm::StringRef Dir = Start; !Dir.empty(); Dir = path::parent_path(Dir)) {
    llvm::SmallString<256> Candidate(Dir);
    path::append(Candidate, "compile_commands.json");
    if (fs::exists(Candidate))
      return Dir.str();
  }
  return "build";
}

std::string commonDirectory(llvm::StringRef A, llvm::StringRef B) {
  auto AI = path::begin(A), AE = path::end(A);
  auto BI = path::begin(B), BE = path::end(B);
  llvm::SmallString<256> Common;
  for (; AI != AE && BI != BE && *AI == *BI; ++AI, ++BI)
    path::append(Common, *AI);
  return std::string(Common);
}

/// The git work tree (a directory holding .git, a directory or a worktree's
/// file) that contains Dir, or empty. Known answers are kept per directory.
std::string enclosingRepository(llvm::StringRef Dir, std::map<std::string, std::string> &Known) {
  std::vector<std::string> Seen;
  std::string Found;
  for (llvm::StringRef D = Dir; !D.empty(); D = path::parent_path(D)) {
    if (auto It = Known.find(D.str()); It != Known.end()) {
      Found = It->second;
      break;
    }
    Seen.push_back(D.str());
    llvm::SmallString<256> Git(D);
    path::append(Git, ".git");
    if (fs::exists(Git)) {
      Found = D.str();
      break;
    }
  }
  for (const std::string &D : Seen)
    Known[D] = Found;
  return Found;
}

/// The repository that holds the sources, wherever the build directory is
/// (in the tree or beside it, `cmake -B ../build`), so that paths and
/// fingerprints do not depend on it: the git work tree that contains most of
/// the database's files. Without one, the nearest common directory of the
/// database and its files.
std::string projectRoot(llvm::StringRef DatabaseDir, llvm::ArrayRef<std::string> Files) {
  std::map<std::string, std::string> Known;
  std::map<std::string, size_t> FilesPerRepository;
  for (const std::string &File : Files)
    if (std::string Repository = enclosingRepository(path::parent_path(File), Known);
        !Repository.empty())
      ++FilesPerRepository[Repository];
  std::string Best;
  size_t Most = 0;
  for (const auto &[Repository, Count] : FilesPerRepository)
    if (Count > Most) {
      Best = Repository;
      Most = Count;
    }
  if (!Best.empty())
    return Best;
  std::string Common = DatabaseDir.str();
  for (const std::string &File : Files)
    Common = commonDirectory(Common, path::parent_path(File));
  return Common;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Result(Path);
  fs::make_absolute(Result);
  path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

/// Files sorted, each file once: a path through a symbolic link and a path
/// spelled differently name the same file, which is analysed (and its
/// findings reported) once, under its real path when that is listed.
std::vector<std::string> uniqueFiles(std::vector<std::string> Files) {
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  std::map<std::string, std::string> ByRealPath;
  for (const std::string &File : Files) {
    llvm::SmallString<256> Real;
    if (fs::real_path(File, Real))
      Real = File; // takeUnreadable reports it if it is selected
    auto [It, New] = ByRealPath.try_emplace(std::string(Real), File);
    if (!New && File == Real)
      It->second = File;
  }
  std::vector<std::string> Result;
  for (auto &[Real, File] : ByRealPath)
    Result.push_back(std::move(File));
  llvm::sort(Result);
  return Result;
}

} // namespace

llvm::Expected<Project> loadProject(llvm::StringRef BuildPath, llvm::ArrayRef<std::string> Paths,
                                    llvm::StringRef Root) {
  Project P;
  P.DatabaseDir = absolutePath(databaseDir(BuildPath, Paths));
  auto DB = loadDatabase(P.DatabaseDir);
  if (!DB)
    return DB.takeError();
  P.Database = std::move(*DB);
  P.Files = uniqueFiles(P.Database->getAllFiles());
  if (P.Files.empty())
    return llvm::createStringError(P.DatabaseDir +
                                   "/compile_commands.json: the compile database lists no files");
  P.Root = Root.empty() ? projectRoot(P.DatabaseDir, P.Files) : absolutePath(Root);
  return P;
}

llvm::Expected<std::vector<std::string>> selectFiles(const Project &P,
                                                     llvm::ArrayRef<std::string> Paths) {
  if (Paths.empty())
    return P.Files;
  std::vector<std::string> Selected;
  for (const std::string &Path : Paths) {
    llvm::SmallString<256> Real;
    if (fs::real_path(Path, Real))
      return llvm::createStringError(Path + ": no such file or directory");
    bool Matched = false;
    for (const std::string &File : P.Files) {
      llvm::SmallString<256> RealFile;
      if (fs::real_path(File, RealFile))
        continue;
      if (relativeTo(RealFile, Real) != RealFile || RealFile == Real) {
        Selected.push_back(File);
        Matched = true;
      }
    }
    if (!Matched)
      return llvm::createStringError(Path + ": not in the compile database");
  }
  llvm::sort(Selected);
  Selected.erase(std::unique(Selected.begin(), Selected.end()), Selected.end());
  return Selected;
}

std::vector<UnitResult> takeUnreadable(const Project &P, std::vector<std::string> &Files) {
  std::vector<UnitResult> Unreadable;
  llvm::erase_if(Files, [&](const std::string &File) {
    std::string Why;
    if (fs::is_directory(File))
      Why = "it is a directory";
    else if (auto FD = fs::openNativeFileForRead(File)) {
      fs::closeFile(*FD);
      return false;
    } else
      Why = llvm::toString(FD.takeError());
    UnitResult &Unit = Unreadable.emplace_back();
    Unit.File = File;
    Unit.Failed = Failure{File, 1, Message{}};
    Unit.Failed->FirstError.Text =
        "cannot read it: " + Why + " (listed in " + P.DatabaseDir + "/compile_commands.json)";
    return true;
  });
  return Unreadable;
}

llvm::Expected<Shard> parseShard(llvm::StringRef Text) {
  auto [K, N] = Text.split('/');
  Shard S;
  if (K.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count) || S.Count == 0 || S.Index == 0 ||
      S.Index > S.Count)
    return llvm::createStringError("--shard=" + Text +
                                   ": expected K/N with 1 <= K <= N, e.g. --shard=2/4");
  return S;
}

std::vector<std::string> shardFiles(const std::vector<std::string> &Files, Shard S,
                                    llvm::StringRef Root) {
  std::vector<std::string> Result;
  for (const std::string &File : Files)
    if (llvm::xxh3_64bits(relativeTo(File, Root)) % S.Count == S.Index - 1)
      Result.push_back(File);
  return Result;
}

} // namespace statescope

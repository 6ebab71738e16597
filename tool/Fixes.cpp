//===--- Fixes.cpp - apply or export the findings' fix-its ----------------===//

#include "Fixes.h"
#include "Cache.h"
#include "Stop.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"
#include <map>
#include <set>
#include <tuple>

namespace statescope {

namespace {

/// The fix-it the scope applies for F, or null.
const std::vector<Replacement> *chosenFix(const Finding &F, FixScope Scope) {
  if (!F.Main.Fixes.empty())
    return &F.Main.Fixes;
  if (Scope == FixScope::Warnings)
    return nullptr;
  const std::vector<Replacement> *Found = nullptr;
  for (const Message &Note : F.Notes) {
    if (Note.Fixes.empty())
      continue;
    if (Found)
      return nullptr;
    Found = &Note.Fixes;
  }
  return Found;
}

bool before(const Replacement &A, const Replacement &B) {
  return std::tie(A.Offset, A.Length, A.Text) < std::tie(B.Offset, B.Length, B.Text);
}

/// A file ready to be fixed: where it really is, what it held when it was
/// analysed, what it will hold, and a verified copy of the old contents
/// beside it.
struct Staged {
  std::string Path;
  std::string Old;
  std::string New;
  llvm::sys::fs::TempFile Backup;
  size_t Replacements;
};

/// Writes a copy of Contents beside Path (so that a failure halfway through
/// the rewrite, or a crash, never loses the old contents) and reads it back.
llvm::Expected<llvm::sys::fs::TempFile> backUp(const std::string &Path, llvm::StringRef Contents) {
  auto Temp = llvm::sys::fs::TempFile::create(
      Path + ".statescope-%%%%%%", llvm::sys::fs::owner_read | llvm::sys::fs::owner_write);
  if (!Temp)
    return Temp.takeError();
  llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
  OS << Contents;
  OS.flush();
  std::error_code EC = OS.error();
  OS.clear_error();
  if (!EC) {
    auto Copy = llvm::MemoryBuffer::getFile(Temp->TmpName, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    if (!Copy)
      EC = Copy.getError();
    else if ((*Copy)->getBuffer() != Contents)
      EC = std::make_error_code(std::errc::io_error);
  }
  if (EC) {
    llvm::consumeError(Temp->discard());
    return llvm::createStringError(EC, EC.message());
  }
  return std::move(*Temp);
}

/// Replaces the contents of the file at Path, keeping the file itself (its
/// inode: mode, owner, hard links).
std::error_code rewriteInPlace(const std::string &Path, llvm::StringRef Contents) {
  int FD;
  if (std::error_code EC =
          llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_CreateAlways))
    return EC;
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Contents;
  OS.close();
  std::error_code EC = OS.error();
  OS.clear_error();
  return EC;
}

/// Why Path must not be written: it is read-only, for its owner or for us.
/// (Root may write any file; a file marked read-only is still refused.)
bool isReadOnly(const std::string &Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return false; // Reading it already failed or will.
  return !(Status.permissions() & llvm::sys::fs::all_write) ||
         llvm::sys::fs::access(Path, llvm::sys::fs::AccessMode::Write);
}

} // namespace

std::map<std::string, std::vector<Replacement>> chosenFixes(const Report &R, FixScope Scope) {
  std::map<std::string, std::vector<Replacement>> ByFile;
  for (const Finding &F : R.Findings)
    if (const std::vector<Replacement> *Fix = chosenFix(F, Scope))
      for (const Replacement &Rep : *Fix) {
        // Paths that lead to one file (a symbolic link, a hard link spelled
        // differently) are one file, written where it really is.
        llvm::SmallString<256> Real;
        if (llvm::sys::fs::real_path(Rep.File, Real))
          Real = Rep.File;
        ByFile[std::string(Real)].push_back(Rep);
      }
  for (auto &[File, Edits] : ByFile) {
    llvm::sort(Edits, before);
    Edits.erase(std::unique(Edits.begin(), Edits.end(),
                            [](const Replacement &A, const Replacement &B) {
                              return !before(A, B) && !before(B, A);
                            }),
                Edits.end());
  }
  return ByFile;
}

llvm::Expected<std::string> applyReplacements(llvm::StringRef Text,
                                              const std::vector<Replacement> &Sorted) {
  std::string Result;
  size_t Done = 0;
  for (size_t I = 0; I < Sorted.size(); ++I) {
    const Replacement &R = Sorted[I];
    if (size_t(R.Offset) + R.Length > Text.size())
      return llvm::createStringError("a replacement at offset " + llvm::Twine(R.Offset) +
                                     " is past the end of the file");
    // Overlapping edits, or two insertions at one place, have no single
    // right order; neither is applied.
    const Replacement *Previous = I > 0 ? &Sorted[I - 1] : nullptr;
    if (Previous && (R.Offset < Previous->Offset + Previous->Length ||
                     (R.Offset == Previous->Offset && R.Length == 0 && Previous->Length == 0)))
      return llvm::createStringError("conflicting replacements at offset " + llvm::Twine(R.Offset));
    Result.append(Text.data() + Done, R.Offset - Done);
    Result += R.Text;
    Done = R.Offset + R.Length;
  }
  Result.append(Text.data() + Done, Text.size() - Done);
  return Result;
}

FixResult applyFixes(const Report &R, FixScope Scope, const AnalysedContents &Analysed) {
  FixResult Result;
  // Like clang-tidy without --fix-errors: a unit that was not analysed may
  // have fixes of its own that overlap the others', or code that was
  // misread. Nothing is changed.
  if (!R.Failures.empty()) {
    Result.Problems.push_back("no fix-its applied: " + llvm::Twine(R.Failures.size()).str() +
                              " translation unit" + (R.Failures.size() == 1 ? "" : "s") +
                              " could not be analysed");
    return Result;
  }
  std::map<std::string, std::vector<Replacement>> ByFile = chosenFixes(R, Scope);

  // Every file is checked, and its old contents copied beside it, before
  // any is written; a file that is not as analysed, read-only or not
  // writable leaves every file as it was.
  std::vector<Staged> Ready;
  auto Refuse = [&](const std::string &Why) {
    for (Staged &S : Ready)
      llvm::consumeError(S.Backup.discard());
    Result.Problems = {"no fix-its applied: " + Why};
    Result.WriteFailed = true;
    return Result;
  };
  for (auto &[File, Edits] : ByFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return Refuse("cannot read " + File + ": " + Buffer.getError().message());
    llvm::StringRef Old = (*Buffer)->getBuffer();
    auto Known = Analysed.find(File);
    if (Known == Analysed.end() || Known->second != contentHash(Old))
      return Refuse(File + " changed since it was analysed; run statescope again");
    if (isReadOnly(File))
      return Refuse(File + " is read-only");
    auto Fixed = applyReplacements(Old, Edits);
    if (!Fixed) {
      Result.Problems.push_back(File + ": not fixed: " + llvm::toString(Fixed.takeError()));
      continue;
    }
    auto Backup = backUp(File, Old);
    if (!Backup)
      return Refuse("cannot write " + File + ": " + llvm::toString(Backup.takeError()));
    Ready.push_back({File, Old.str(), std::move(*Fixed), std::move(*Backup), Edits.size()});
  }

  // A stop now would leave files fixed and others not, or one half
  // written: the stop signals wait.
  StopSignalsHeld Held;
  for (Staged &S : Ready) {
    if (std::error_code EC = rewriteInPlace(S.Path, S.New)) {
      Result.WriteFailed = true;
      // The old contents go back; if even that fails, the copy stays.
      if (!rewriteInPlace(S.Path, S.Old)) {
        llvm::consumeError(S.Backup.discard());
        Result.Problems.push_back(S.Path + ": not fixed: " + EC.message());
      } else {
        std::string Kept = S.Path + ".statescope-orig";
        llvm::consumeError(S.Backup.keep(Kept));
        Result.Problems.push_back(S.Path + ": not fixed: " + EC.message() +
                                  "; its old contents are in " + Kept);
      }
      continue;
    }
    llvm::consumeError(S.Backup.discard());
    Result.ChangedFiles.push_back(S.Path);
    Result.Applied += S.Replacements;
  }
  return Result;
}

} // namespace statescope

// clang-apply-replacements' format, as clang/Tooling/DiagnosticsYaml.h
// writes it, mapped from our model so that this file needs no clang headers.
namespace {
struct YamlFindings {
  std::vector<statescope::Finding> Diagnostics;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(statescope::Replacement)
LLVM_YAML_IS_SEQUENCE_VECTOR(statescope::Message)
LLVM_YAML_IS_SEQUENCE_VECTOR(statescope::Finding)

namespace llvm::yaml {

template <> struct MappingTraits<statescope::Replacement> {
  static void mapping(IO &Io, statescope::Replacement &R) {
    Io.mapRequired("FilePath", R.File);
    Io.mapRequired("Offset", R.Offset);
    Io.mapRequired("Length", R.Length);
    Io.mapRequired("ReplacementText", R.Text);
  }
};

template <> struct MappingTraits<statescope::Message> {
  static void mapping(IO &Io, statescope::Message &M) {
    Io.mapRequired("Message", M.Text);
    Io.mapRequired("FilePath", M.Loc.File);
    Io.mapRequired("FileOffset", M.Loc.Offset);
    Io.mapRequired("Replacements", M.Fixes);
  }
};

template <> struct MappingTraits<statescope::Finding> {
  static void mapping(IO &Io, statescope::Finding &F) {
    std::string Level = F.Level == "error" ? "Error" : "Warning";
    Io.mapRequired("DiagnosticName", F.Check);
    Io.mapRequired("DiagnosticMessage", F.Main);
    Io.mapRequired("Notes", F.Notes);
    Io.mapRequired("Level", Level);
  }
};

template <> struct MappingTraits<YamlFindings> {
  static void mapping(IO &Io, YamlFindings &Doc) {
    std::string MainSourceFile;
    Io.mapRequired("MainSourceFile", MainSourceFile);
    Io.mapRequired("Diagnostics", Doc.Diagnostics);
  }
};

} // namespace llvm::yaml

namespace statescope {

void exportFixes(llvm::raw_ostream &OS, const Report &R) {
  YamlFindings Doc;
  for (const Finding &F : R.Findings)
    if (!F.Main.Fixes.empty() ||
        llvm::any_of(F.Notes, [](const Message &N) { return !N.Fixes.empty(); }))
      Doc.Diagnostics.push_back(F);
  llvm::yaml::Output YAML(OS);
  YAML << Doc;
}

} // namespace statescope

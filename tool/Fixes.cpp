//===--- Fixes.cpp - apply or export the findings' fix-its ----------------===//

#include "Fixes.h"

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

/// A file's new contents, written beside it but not yet in its place.
struct Staged {
  std::string Path;
  llvm::sys::fs::TempFile Temp;
  size_t Replacements;
};

/// Writes Contents to a temporary file in Path's directory (so that the
/// rename cannot cross file systems) with Path's permissions.
llvm::Expected<llvm::sys::fs::TempFile> stage(const std::string &Path, llvm::StringRef Contents) {
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return llvm::createStringError(EC, EC.message());
  auto Temp = llvm::sys::fs::TempFile::create(Path + ".statescope-%%%%%%", Status.permissions());
  if (!Temp)
    return Temp.takeError();
  llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
  OS << Contents;
  OS.flush();
  if (OS.has_error()) {
    std::error_code EC = OS.error();
    OS.clear_error();
    llvm::consumeError(Temp->discard());
    return llvm::createStringError(EC, EC.message());
  }
  return std::move(*Temp);
}

} // namespace

std::map<std::string, std::vector<Replacement>> chosenFixes(const Report &R, FixScope Scope) {
  std::map<std::string, std::vector<Replacement>> ByFile;
  for (const Finding &F : R.Findings)
    if (const std::vector<Replacement> *Fix = chosenFix(F, Scope))
      for (const Replacement &Rep : *Fix)
        ByFile[Rep.File].push_back(Rep);
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

FixResult applyFixes(const Report &R, FixScope Scope) {
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

  // Every file's new contents are written beside it first; only when all of
  // them are written are they renamed into place. A file that cannot be
  // written leaves every file as it was.
  std::vector<Staged> Ready;
  for (auto &[File, Edits] : ByFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Result.Problems.push_back(File + ": not fixed: " + Buffer.getError().message());
      continue;
    }
    auto Fixed = applyReplacements((*Buffer)->getBuffer(), Edits);
    if (!Fixed) {
      Result.Problems.push_back(File + ": not fixed: " + llvm::toString(Fixed.takeError()));
      continue;
    }
    auto Temp = stage(File, *Fixed);
    if (!Temp) {
      for (Staged &S : Ready)
        llvm::consumeError(S.Temp.discard());
      Result.Problems = {"no fix-its applied: cannot write " + File + ": " +
                         llvm::toString(Temp.takeError())};
      Result.WriteFailed = true;
      return Result;
    }
    Ready.push_back({File, std::move(*Temp), Edits.size()});
  }
  for (Staged &S : Ready) {
    if (llvm::Error E = S.Temp.keep(S.Path)) {
      Result.Problems.push_back(S.Path + ": not fixed: " + llvm::toString(std::move(E)));
      Result.WriteFailed = true;
      continue;
    }
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

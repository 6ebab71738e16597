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

/// Text with the replacements applied, or why they do not apply.
llvm::Expected<std::string> applyTo(llvm::StringRef Text, const std::vector<Replacement> &Sorted) {
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

/// Replaces Path's contents through a temporary file and a rename, keeping
/// its permissions, so that readers see the old file or the new one.
llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Contents) {
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
  return Temp->keep(Path);
}

} // namespace

FixResult applyFixes(const Report &R, FixScope Scope) {
  FixResult Result;
  std::set<std::string> NotCompiled;
  for (const Failure &F : R.Failures)
    NotCompiled.insert(F.TranslationUnit);
  std::map<std::string, std::vector<Replacement>> ByFile;
  std::set<std::string> SkippedUnits;
  for (const Finding &F : R.Findings) {
    const std::vector<Replacement> *Fix = chosenFix(F, Scope);
    if (!Fix)
      continue;
    // Like clang-tidy without --fix-errors: code that did not compile may
    // have been misread.
    if (NotCompiled.count(F.TranslationUnit)) {
      SkippedUnits.insert(F.TranslationUnit);
      continue;
    }
    for (const Replacement &Rep : *Fix)
      ByFile[Rep.File].push_back(Rep);
  }
  for (const std::string &Unit : SkippedUnits)
    Result.Problems.push_back(Unit + ": fix-its not applied, it could not be analysed");

  for (auto &[File, Replacements] : ByFile) {
    llvm::sort(Replacements, before);
    Replacements.erase(std::unique(Replacements.begin(), Replacements.end(),
                                   [](const Replacement &A, const Replacement &B) {
                                     return !before(A, B) && !before(B, A);
                                   }),
                       Replacements.end());
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Result.Problems.push_back(File + ": not fixed: " + Buffer.getError().message());
      continue;
    }
    auto Fixed = applyTo((*Buffer)->getBuffer(), Replacements);
    llvm::Error Written = Fixed ? writeAtomically(File, *Fixed) : Fixed.takeError();
    if (Written) {
      Result.Problems.push_back(File + ": not fixed: " + llvm::toString(std::move(Written)));
      continue;
    }
    Result.Applied += Replacements.size();
    Result.ChangedFiles.push_back(File);
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

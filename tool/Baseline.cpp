//===--- Baseline.cpp - recognise findings across runs and edits ----------===//

#include "Baseline.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include <algorithm>
#include <tuple>

namespace statescope {

namespace {

llvm::Error badBaseline(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(Path + ": not a statescope baseline: " + Why);
}

/// HASH:N as Finding::fingerprint writes it: 16 lower-case hexadecimal
/// digits, a colon and a decimal number.
bool isFingerprint(llvm::StringRef Text) {
  auto [Hash, Occurrence] = Text.split(':');
  unsigned Number;
  return Hash.size() == 16 &&
         llvm::all_of(Hash, [](char C) { return llvm::isDigit(C) || (C >= 'a' && C <= 'f'); }) &&
         !Occurrence.empty() && llvm::all_of(Occurrence, llvm::isDigit) &&
         !Occurrence.getAsInteger(10, Number);
}

} // namespace

std::string codeOfLine(llvm::StringRef Line) {
  std::string Out;
  char Quote = 0; // inside a string or character literal
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (Quote) {
      Out += C;
      if (C == '\\' && I + 1 < Line.size())
        Out += Line[++I];
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (Line.substr(I).starts_with("//"))
      break;
    if (Line.substr(I).starts_with("/*")) {
      size_t End = Line.find("*/", I + 2);
      if (End == llvm::StringRef::npos)
        break;
      I = End + 1;
      continue;
    }
    if (C == '"' || C == '\'')
      Quote = C;
    // Re-indenting or reformatting a line does not change what it says.
    if (!llvm::isSpace(C))
      Out += C;
  }
  return Out;
}

std::string fingerprintHash(llvm::StringRef Check, llvm::StringRef RelativePath,
                            llvm::StringRef SourceLine) {
  llvm::SHA256 Hash;
  for (const std::string &Part : {Check.str(), RelativePath.str(), codeOfLine(SourceLine)}) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef(Digest).take_front(8), /*LowerCase=*/true);
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError("cannot read baseline " + Path + ": " +
                                   Buffer.getError().message());
  // Editors on Windows save JSON with a UTF-8 byte-order mark, which JSON
  // parsers may ignore (RFC 8259, section 8.1).
  llvm::StringRef Text = (*Buffer)->getBuffer();
  Text.consume_front("\xEF\xBB\xBF");
  auto Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return badBaseline(Path, "invalid JSON " + llvm::toString(Parsed.takeError()));
  const llvm::json::Object *O = Parsed->getAsObject();
  std::optional<int64_t> Version = O ? O->getInteger("statescopeBaseline") : std::nullopt;
  if (!Version)
    return badBaseline(Path, "no \"statescopeBaseline\" version");
  if (*Version != BaselineFormatVersion)
    return llvm::createStringError(Path + ": baseline format version " + llvm::Twine(*Version) +
                                   "; this statescope reads version " +
                                   llvm::Twine(BaselineFormatVersion) +
                                   " (write a new one with --write-baseline)");
  const llvm::json::Array *Findings = O->getArray("findings");
  if (!Findings)
    return badBaseline(Path, "no \"findings\" array");
  Baseline Result;
  for (size_t I = 0; I < Findings->size(); ++I) {
    const llvm::json::Object *Entry = (*Findings)[I].getAsObject();
    std::optional<llvm::StringRef> Fingerprint =
        Entry ? Entry->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return badBaseline(Path, "findings[" + llvm::Twine(I) + "] has no \"fingerprint\"");
    // A hand-edited fingerprint that cannot match would hide nothing and
    // say nothing.
    if (!isFingerprint(*Fingerprint))
      return badBaseline(Path, "findings[" + llvm::Twine(I) + "] has the fingerprint '" +
                                   *Fingerprint +
                                   "'; a fingerprint is 16 hexadecimal digits, ':' and a number");
    Result.insert(Fingerprint->str());
  }
  return Result;
}

void writeBaseline(llvm::raw_ostream &OS, const Report &R) {
  // Ordered by what survives edits, so that writing the baseline again after
  // lines moved changes nothing.
  std::vector<const Finding *> Sorted;
  for (const Finding &F : R.Findings)
    Sorted.push_back(&F);
  auto Key = [&](const Finding *F) {
    return std::make_tuple(relativeTo(F->Main.Loc.File, R.ProjectRoot), F->Check, F->Main.Text,
                           F->fingerprint());
  };
  std::stable_sort(Sorted.begin(), Sorted.end(),
                   [&](const Finding *A, const Finding *B) { return Key(A) < Key(B); });
  llvm::json::Array Entries;
  for (const Finding *F : Sorted)
    Entries.push_back(llvm::json::Object{{"fingerprint", F->fingerprint()},
                                         {"check", F->Check},
                                         {"file", relativeTo(F->Main.Loc.File, R.ProjectRoot)},
                                         {"message", F->Main.Text}});
  OS << llvm::formatv(
      "{0:2}\n", llvm::json::Value(llvm::json::Object{{"statescopeBaseline", BaselineFormatVersion},
                                                      {"findings", std::move(Entries)}}));
}

void applyBaseline(Report &R, const Baseline &B) {
  auto Known = [&](const Finding &F) { return B.count(F.fingerprint()) > 0; };
  size_t Before = R.Findings.size();
  R.Findings.erase(std::remove_if(R.Findings.begin(), R.Findings.end(), Known), R.Findings.end());
  R.Counts.Baseline += Before - R.Findings.size();
}

} // namespace statescope

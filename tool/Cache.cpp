//===--- Cache.cpp - unit results kept between runs -----------------------===//

#include "Cache.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/xxhash.h"

namespace statescope {

namespace {
/// Bumped when an entry's layout changes; older entries are then misses.
constexpr int EntryFormat = 1;
} // namespace

std::string contentHash(llvm::StringRef Data) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(llvm::ArrayRef(Data.bytes_begin(), Data.size()));
  std::string Result;
  llvm::raw_string_ostream(Result)
      << llvm::format_hex_no_prefix(H.high64, 16) << llvm::format_hex_no_prefix(H.low64, 16);
  return Result;
}

llvm::json::Value toJSON(const UnitTrace &T) {
  llvm::json::Array Inputs;
  for (const auto &[File, Hash] : T.Inputs)
    Inputs.push_back(llvm::json::Array{File, Hash});
  llvm::json::Object Checks;
  for (const auto &[Check, Seconds] : T.PerCheckSeconds)
    Checks[Check] = Seconds;
  return llvm::json::Object{{"inputs", std::move(Inputs)},
                            {"parseSeconds", T.ParseSeconds},
                            {"checkSeconds", T.CheckSeconds},
                            {"skippedFunctionBodies", T.SkippedFunctionBodies},
                            {"perCheckSeconds", std::move(Checks)}};
}

bool fromJSON(const llvm::json::Value &V, UnitTrace &T, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  std::vector<std::vector<std::string>> Inputs;
  if (!(O && O.map("inputs", Inputs) && O.map("parseSeconds", T.ParseSeconds) &&
        O.map("checkSeconds", T.CheckSeconds) &&
        O.map("skippedFunctionBodies", T.SkippedFunctionBodies) &&
        O.map("perCheckSeconds", T.PerCheckSeconds)))
    return false;
  for (std::vector<std::string> &Pair : Inputs) {
    if (Pair.size() != 2) {
      P.field("inputs").report("expected [file, hash] pairs");
      return false;
    }
    T.Inputs.emplace_back(std::move(Pair[0]), std::move(Pair[1]));
  }
  return true;
}

std::string ResultCache::entryPath(llvm::StringRef Slot) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Slot + ".json");
  return std::string(Path);
}

const std::string &ResultCache::currentHash(llvm::StringRef Path) {
  auto [It, New] = Hashes.try_emplace(Path);
  if (New)
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false))
      It->second = contentHash((*Buffer)->getBuffer());
  return It->second;
}

std::optional<UnitResult>
ResultCache::lookup(llvm::StringRef Slot, llvm::StringRef Key,
                    std::vector<std::pair<std::string, std::string>> *Inputs,
                    std::string *Answers) {
  std::string Path = entryPath(Slot);
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return std::nullopt; // Never stored.
  auto Damaged = [&](const llvm::Twine &Why) -> std::optional<UnitResult> {
    llvm::WithColor::warning(llvm::errs(), "statescope")
        << "ignoring the damaged cache entry " << Path << ": " << Why << '\n';
    return std::nullopt;
  };
  auto Parsed = llvm::json::parse((*Text)->getBuffer());
  if (!Parsed)
    return Damaged(llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Entry = Parsed->getAsObject();
  if (!Entry)
    return Damaged("not a JSON object");
  // Another statescope, configuration or compile command: not damage.
  if (Entry->getInteger("format") != EntryFormat || Entry->getString("key") != Key)
    return std::nullopt;
  const llvm::json::Array *Read = Entry->getArray("inputs");
  const llvm::json::Value *Result = Entry->get("result");
  if (!Read || Read->empty() || !Result)
    return Damaged("no inputs or no result");
  std::vector<std::pair<std::string, std::string>> Checked;
  for (const llvm::json::Value &Input : *Read) {
    const llvm::json::Array *Pair = Input.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() || !(*Pair)[1].getAsString())
      return Damaged("an input is not a [file, hash] pair");
    if (currentHash(*(*Pair)[0].getAsString()) != *(*Pair)[1].getAsString())
      return std::nullopt; // A file it read has changed.
    Checked.emplace_back(*(*Pair)[0].getAsString(), *(*Pair)[1].getAsString());
  }
  auto Unit = unitFromJSON(*Result);
  if (!Unit)
    return Damaged(llvm::toString(Unit.takeError()));
  if (Inputs)
    *Inputs = std::move(Checked);
  if (Answers)
    *Answers = Entry->getString("answers").value_or("").str();
  return std::move(*Unit);
}

llvm::Error ResultCache::store(llvm::StringRef Slot, llvm::StringRef Key,
                               const std::vector<std::pair<std::string, std::string>> &Inputs,
                               const UnitResult &Result, llvm::StringRef Answers) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, "cannot create the cache " + Dir + ": " + EC.message());
  llvm::json::Array Files;
  for (const auto &[File, Hash] : Inputs)
    Files.push_back(llvm::json::Array{File, Hash});
  llvm::json::Value Entry = llvm::json::Object{{"format", EntryFormat},
                                               {"key", Key},
                                               {"inputs", std::move(Files)},
                                               {"result", toJSON(Result)}};
  if (!Answers.empty())
    Entry.getAsObject()->try_emplace("answers", Answers);
  // Written beside the entry and renamed: a reader sees the old entry or
  // the new one, never half of one.
  return llvm::writeToOutput(entryPath(Slot), [&](llvm::raw_ostream &OS) {
    OS << Entry;
    return llvm::Error::success();
  });
}

} // namespace statescope

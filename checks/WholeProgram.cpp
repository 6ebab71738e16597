//===--- WholeProgram.cpp - the CLI's passes, as the model sees them -------===//

#include "WholeProgram.h"

#include <mutex>

namespace clang::statescope {

//===----------------------------------------------------------------------===//
// Process-wide settings
//===----------------------------------------------------------------------===//

namespace {
std::mutex SettingsMutex;
std::shared_ptr<const ProgramAnswers> &programFactsSlot() {
  static std::shared_ptr<const ProgramAnswers> Slot;
  return Slot;
}
std::function<void(const UnitFacts &)> &sinkSlot() {
  static std::function<void(const UnitFacts &)> Slot;
  return Slot;
}
ProgramLookups *&lookupRecordSlot() {
  static ProgramLookups *Slot = nullptr;
  return Slot;
}
} // namespace

void setProgramFacts(std::shared_ptr<const ProgramAnswers> Facts) {
  std::lock_guard<std::mutex> Lock(SettingsMutex);
  programFactsSlot() = std::move(Facts);
}

std::shared_ptr<const ProgramAnswers> programFacts() {
  std::lock_guard<std::mutex> Lock(SettingsMutex);
  return programFactsSlot();
}

void setUnitFactsSink(std::function<void(const UnitFacts &)> Sink) {
  std::lock_guard<std::mutex> Lock(SettingsMutex);
  sinkSlot() = std::move(Sink);
}

const std::function<void(const UnitFacts &)> &unitFactsSink() { return sinkSlot(); }

void setProgramLookupRecord(ProgramLookups *Record) {
  std::lock_guard<std::mutex> Lock(SettingsMutex);
  lookupRecordSlot() = Record;
}

ProgramLookups *programLookupRecord() { return lookupRecordSlot(); }

} // namespace clang::statescope

//===--- ReportJson.cpp - the report and unit results as JSON -------------===//
//
// One JSON form serves three readers: users of --format=json (the schema is
// in docs/cli.md), `statescope merge`, and the CLI itself reading what its
// worker processes found. Every field the report order depends on is here,
// so a report read back sorts and de-duplicates like the original.
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "Summaries.h"

#include "llvm/Config/llvm-config.h"
#include <limits>

namespace statescope {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace {

Value toJSON(const Location &L) {
  return Object{{"file", L.File}, {"line", L.Line}, {"column", L.Column}, {"offset", L.Offset}};
}

Value toJSON(const Replacement &R) {
  return Object{
      {"file", R.File}, {"offset", R.Offset}, {"length", R.Length}, {"replacement", R.Text}};
}

/// A message's fields, inlined into the finding, note or failure holding it.
void addMessage(Object &O, const Message &M) {
  O["message"] = M.Text;
  O["location"] = M.Loc.File.empty() ? Value(nullptr) : toJSON(M.Loc);
  Array Fixes;
  for (const Replacement &R : M.Fixes)
    Fixes.push_back(toJSON(R));
  O["fixes"] = std::move(Fixes);
}

Value toJSON(const Finding &F) {
  Object O{{"check", F.Check}, {"level", F.Level}};
  addMessage(O, F.Main);
  Array Notes;
  for (const Message &N : F.Notes) {
    Object Note;
    addMessage(Note, N);
    Notes.push_back(std::move(Note));
  }
  O["notes"] = std::move(Notes);
  O["fingerprint"] = F.fingerprint();
  O["translationUnit"] = F.TranslationUnit;
  return O;
}

Value toJSON(const Failure &F) {
  Object O{{"translationUnit", F.TranslationUnit}, {"errors", F.Errors}};
  Object First;
  addMessage(First, F.FirstError);
  O["firstError"] = std::move(First);
  return O;
}

Value toJSON(const Suppressed &S) {
  return Object{
      {"nolint", S.NoLint}, {"outsideProject", S.OutsideProject}, {"baseline", S.Baseline}};
}

} // namespace

// Found by argument-dependent lookup from llvm::json, so not in an unnamed
// namespace.
static bool mapUnsigned(const Object &O, llvm::StringLiteral Field, unsigned &Out, Path P) {
  std::optional<int64_t> N = O.getInteger(Field);
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max()) {
    P.field(Field).report("expected a non-negative integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

static bool fromJSON(const Value &V, Location &L, Path P) {
  const Object *O = V.getAsObject();
  if (!O) {
    P.report("expected object");
    return false;
  }
  return ObjectMapper(V, P).map("file", L.File) && mapUnsigned(*O, "line", L.Line, P) &&
         mapUnsigned(*O, "column", L.Column, P) && mapUnsigned(*O, "offset", L.Offset, P);
}

static bool fromJSON(const Value &V, Replacement &R, Path P) {
  ObjectMapper M(V, P);
  return M && M.map("file", R.File) && M.map("replacement", R.Text) &&
         mapUnsigned(*V.getAsObject(), "offset", R.Offset, P) &&
         mapUnsigned(*V.getAsObject(), "length", R.Length, P);
}

static bool fromJSON(const Value &V, Message &M, Path P) {
  ObjectMapper O(V, P);
  if (!O || !O.map("message", M.Text) || !O.map("fixes", M.Fixes))
    return false;
  const Value *Loc = V.getAsObject()->get("location");
  if (!Loc || Loc->kind() == Value::Null)
    return true;
  return fromJSON(*Loc, M.Loc, P.field("location"));
}

static bool fromJSON(const Value &V, Finding &F, Path P) {
  ObjectMapper O(V, P);
  std::string Fingerprint;
  if (!O || !O.map("check", F.Check) || !O.map("level", F.Level) || !fromJSON(V, F.Main, P) ||
      !O.map("notes", F.Notes) || !O.map("fingerprint", Fingerprint) ||
      !O.map("translationUnit", F.TranslationUnit))
    return false;
  // The occurrence is renumbered when the report is finished.
  F.Hash = llvm::StringRef(Fingerprint).split(':').first.str();
  return true;
}

static bool fromJSON(const Value &V, Failure &F, Path P) {
  ObjectMapper O(V, P);
  const Value *First = V.getAsObject() ? V.getAsObject()->get("firstError") : nullptr;
  if (!O || !O.map("translationUnit", F.TranslationUnit) ||
      !mapUnsigned(*V.getAsObject(), "errors", F.Errors, P))
    return false;
  if (!First) {
    P.field("firstError").report("missing value");
    return false;
  }
  return fromJSON(*First, F.FirstError, P.field("firstError"));
}

static bool fromJSON(const Value &V, Suppressed &S, Path P) {
  const Object *O = V.getAsObject();
  if (!O) {
    P.report("expected object");
    return false;
  }
  return mapUnsigned(*O, "nolint", S.NoLint, P) &&
         mapUnsigned(*O, "outsideProject", S.OutsideProject, P) &&
         mapUnsigned(*O, "baseline", S.Baseline, P);
}

namespace {

template <typename T>
llvm::Expected<T> parseWith(const Value &V, bool (*Parse)(const Value &, T &, Path)) {
  T Result;
  Path::Root Root;
  if (!Parse(V, Result, Root))
    return Root.getError();
  return Result;
}

bool readReport(const Value &V, Report &R, Path P) {
  ObjectMapper O(V, P);
  if (!(O && O.map("projectRoot", R.ProjectRoot) &&
        mapUnsigned(*V.getAsObject(), "translationUnits", R.TranslationUnits, P) &&
        O.map("suppressed", R.Counts) && O.map("failures", R.Failures) &&
        O.map("findings", R.Findings)))
    return false;
  // A shard's report: its units' summaries, for merge.
  if (const Value *Shard = V.getAsObject()->get("shard")) {
    auto Summaries = summariesFromJSON(*Shard);
    if (!Summaries) {
      P.field("shard").report("malformed summaries");
      llvm::consumeError(Summaries.takeError());
      return false;
    }
    R.Summaries = std::make_shared<ShardSummaries>(std::move(*Summaries));
  }
  return true;
}

bool readUnit(const Value &V, UnitResult &U, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("file", U.File) && O.map("findings", U.Findings) &&
         O.map("failure", U.Failed) && O.map("suppressed", U.Counts) &&
         O.mapOptional("facts", U.Facts) && O.mapOptional("asked", U.Asked);
}

} // namespace

llvm::StringRef statescopeVersion() { return STATESCOPE_VERSION; }

Value toJSON(const Report &R) {
  Array Findings, Failures;
  for (const Finding &F : R.Findings)
    Findings.push_back(toJSON(F));
  for (const Failure &F : R.Failures)
    Failures.push_back(toJSON(F));
  Object Result{{"version", ReportFormatVersion},
                {"tool", Object{{"name", "statescope"},
                                {"version", statescopeVersion()},
                                {"llvmVersion", LLVM_VERSION_STRING}}},
                {"projectRoot", R.ProjectRoot},
                {"translationUnits", R.TranslationUnits},
                {"suppressed", toJSON(R.Counts)},
                {"failures", std::move(Failures)},
                {"findings", std::move(Findings)}};
  if (R.Summaries)
    Result["shard"] = toJSON(*R.Summaries);
  return Result;
}

Value toJSON(const UnitResult &U) {
  Array Findings;
  for (const Finding &F : U.Findings)
    Findings.push_back(toJSON(F));
  return Object{{"file", U.File},
                {"findings", std::move(Findings)},
                {"failure", U.Failed ? toJSON(*U.Failed) : Value(nullptr)},
                {"suppressed", toJSON(U.Counts)},
                {"facts", U.Facts ? clang::statescope::toJSON(*U.Facts) : Value(nullptr)},
                {"asked", U.Asked ? clang::statescope::toJSON(*U.Asked) : Value(nullptr)}};
}

llvm::Expected<Report> reportFromJSON(const Value &V) {
  const Object *O = V.getAsObject();
  std::optional<int64_t> Version = O ? O->getInteger("version") : std::nullopt;
  if (!Version)
    return llvm::createStringError("not a statescope JSON report (no \"version\")");
  if (*Version != ReportFormatVersion)
    return llvm::createStringError("statescope JSON report version " + llvm::Twine(*Version) +
                                   "; this statescope reads version " +
                                   llvm::Twine(ReportFormatVersion));
  return parseWith<Report>(V, readReport);
}

llvm::Expected<UnitResult> unitFromJSON(const Value &V) {
  return parseWith<UnitResult>(V, readUnit);
}

} // namespace statescope

//===--- Sarif.cpp - the report as a SARIF 2.1.0 log, and back ------------===//
//
// One run whose driver lists every check as a rule with the help text of its
// doc page; results with the warning's location, the notes as related
// locations, the fix-its as fixes and the fingerprint as a partial
// fingerprint, so that code-scanning services track findings across commits.
// Units that could not be analysed are tool execution notifications. What
// `statescope merge` needs beyond SARIF's own fields (the translation unit,
// byte offsets, counts) is kept in property bags, so that a log read back
// yields the report it was written from.
//
//===----------------------------------------------------------------------===//

#include "DocPages.h"
#include "Formats.h"

#include "llvm/ADT/StringExtras.h"
#include <map>
#include <set>

namespace statescope {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

constexpr llvm::StringLiteral RootId = "%SRCROOT%";
constexpr llvm::StringLiteral FingerprintKey = "statescope/v1";

bool isUnreserved(char C) { return llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C); }

std::string encodeUri(llvm::StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (isUnreserved(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit((unsigned char)C >> 4);
      Out += llvm::hexdigit((unsigned char)C & 15);
    }
  }
  return Out;
}

std::string decodeUri(llvm::StringRef Uri) {
  std::string Out;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() && !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Out += static_cast<char>(Byte);
      I += 2;
    } else {
      Out += Uri[I];
    }
  }
  return Out;
}

Value artifactLocation(llvm::StringRef File, llvm::StringRef Root) {
  std::string Relative = relativeTo(File, Root);
  if (Relative == File)
    return Object{{"uri", "file://" + encodeUri(File)}};
  return Object{{"uri", encodeUri(Relative)}, {"uriBaseId", RootId}};
}

Value physicalLocation(const Location &L, llvm::StringRef Root) {
  return Object{
      {"artifactLocation", artifactLocation(L.File, Root)},
      {"region",
       Object{{"startLine", L.Line}, {"startColumn", L.Column}, {"byteOffset", L.Offset}}}};
}

/// A SARIF location for a message; only the text when it has no place.
Object location(const Message &M, llvm::StringRef Root) {
  Object O{{"message", Object{{"text", M.Text}}}};
  if (!M.Loc.File.empty())
    O["physicalLocation"] = physicalLocation(M.Loc, Root);
  return O;
}

Value fix(const Message &M, std::optional<size_t> Note, llvm::StringRef Root) {
  std::map<std::string, Array> ByFile;
  for (const Replacement &R : M.Fixes)
    ByFile[R.File].push_back(
        Object{{"deletedRegion", Object{{"byteOffset", R.Offset}, {"byteLength", R.Length}}},
               {"insertedContent", Object{{"text", R.Text}}}});
  Array Changes;
  for (auto &[File, Replacements] : ByFile)
    Changes.push_back(Object{{"artifactLocation", artifactLocation(File, Root)},
                             {"replacements", std::move(Replacements)}});
  Object Fix{{"description", Object{{"text", M.Text}}}, {"artifactChanges", std::move(Changes)}};
  if (Note)
    Fix["properties"] = Object{{"note", static_cast<int64_t>(*Note)}};
  return Fix;
}

Value rule(llvm::StringRef Check) {
  Object Rule{{"id", Check.str()}, {"defaultConfiguration", Object{{"level", "warning"}}}};
  if (const DocPage *Page = findDocPage(Check)) {
    Rule["shortDescription"] = Object{{"text", Page->summary()}};
    Rule["help"] = Object{{"text", Page->Markdown}, {"markdown", Page->Markdown}};
  }
  return Rule;
}

//===--- Reading back -----------------------------------------------------===//

llvm::Error notOurs(const llvm::Twine &Why) {
  return llvm::createStringError("not a SARIF log statescope wrote (" + Why + ")");
}

std::string fileOf(const Object *ArtifactLocation, llvm::StringRef Root) {
  if (!ArtifactLocation)
    return "";
  llvm::StringRef Uri = ArtifactLocation->getString("uri").value_or("");
  if (ArtifactLocation->getString("uriBaseId"))
    return Root.str() + "/" + decodeUri(Uri);
  Uri.consume_front("file://");
  return decodeUri(Uri);
}

unsigned number(const Object *O, llvm::StringRef Key) {
  return O ? static_cast<unsigned>(O->getInteger(Key).value_or(0)) : 0;
}

Message messageOf(const Object &Location, const Object *Text, llvm::StringRef Root) {
  Message M;
  M.Text = Text ? Text->getString("text").value_or("").str() : "";
  if (const Object *Physical = Location.getObject("physicalLocation")) {
    const Object *Region = Physical->getObject("region");
    M.Loc = {fileOf(Physical->getObject("artifactLocation"), Root), number(Region, "startLine"),
             number(Region, "startColumn"), number(Region, "byteOffset")};
  }
  return M;
}

std::vector<Replacement> replacementsOf(const Object &Fix, llvm::StringRef Root) {
  std::vector<Replacement> Result;
  if (const Array *Changes = Fix.getArray("artifactChanges"))
    for (const Value &Change : *Changes) {
      const Object *C = Change.getAsObject();
      if (!C || !C->getArray("replacements"))
        continue;
      std::string File = fileOf(C->getObject("artifactLocation"), Root);
      for (const Value &R : *C->getArray("replacements")) {
        const Object *Rep = R.getAsObject();
        if (!Rep)
          continue;
        const Object *Deleted = Rep->getObject("deletedRegion");
        const Object *Inserted = Rep->getObject("insertedContent");
        Result.push_back({File, number(Deleted, "byteOffset"), number(Deleted, "byteLength"),
                          Inserted ? Inserted->getString("text").value_or("").str() : ""});
      }
    }
  return Result;
}

llvm::Expected<Finding> findingOf(const Object &Result, llvm::StringRef Root) {
  Finding F;
  F.Check = Result.getString("ruleId").value_or("").str();
  F.Level = Result.getString("level").value_or("warning").str();
  const Array *Locations = Result.getArray("locations");
  if (F.Check.empty())
    return notOurs("a result without a ruleId");
  if (Locations && !Locations->empty() && Locations->front().getAsObject())
    F.Main = messageOf(*Locations->front().getAsObject(), Result.getObject("message"), Root);
  else
    F.Main.Text = Result.getObject("message")
                      ? Result.getObject("message")->getString("text").value_or("").str()
                      : "";
  if (const Array *Related = Result.getArray("relatedLocations"))
    for (const Value &R : *Related)
      if (const Object *O = R.getAsObject())
        F.Notes.push_back(messageOf(*O, O->getObject("message"), Root));
  if (const Array *Fixes = Result.getArray("fixes"))
    for (const Value &V : *Fixes) {
      const Object *Fix = V.getAsObject();
      if (!Fix)
        continue;
      const Object *Properties = Fix->getObject("properties");
      std::optional<int64_t> Note = Properties ? Properties->getInteger("note") : std::nullopt;
      if (Note && (*Note < 0 || size_t(*Note) >= F.Notes.size()))
        return notOurs("a fix for a note that is not there");
      (Note ? F.Notes[*Note] : F.Main).Fixes = replacementsOf(*Fix, Root);
    }
  const Object *Fingerprints = Result.getObject("partialFingerprints");
  std::optional<llvm::StringRef> Fingerprint =
      Fingerprints ? Fingerprints->getString(FingerprintKey) : std::nullopt;
  const Object *Properties = Result.getObject("properties");
  std::optional<llvm::StringRef> Unit =
      Properties ? Properties->getString("translationUnit") : std::nullopt;
  if (!Fingerprint || !Unit)
    return notOurs("a result without statescope's fingerprint or translation unit");
  F.Hash = Fingerprint->split(':').first.str();
  F.TranslationUnit = Unit->str();
  return F;
}

} // namespace

Value toSarif(const Report &R) {
  // Every check with a page, and any other check that reported something.
  std::set<std::string> Checks;
  for (const DocPage &Page : docPages())
    Checks.insert(Page.Check.str());
  for (const Finding &F : R.Findings)
    Checks.insert(F.Check);
  Array Rules;
  std::map<std::string, int64_t> RuleIndex;
  for (const std::string &Check : Checks) {
    RuleIndex[Check] = static_cast<int64_t>(Rules.size());
    Rules.push_back(rule(Check));
  }

  Array Results;
  for (const Finding &F : R.Findings) {
    Object Result{{"ruleId", F.Check},
                  {"ruleIndex", RuleIndex[F.Check]},
                  {"level", F.Level},
                  {"message", Object{{"text", F.Main.Text}}},
                  {"partialFingerprints", Object{{FingerprintKey, F.fingerprint()}}},
                  {"properties", Object{{"translationUnit", F.TranslationUnit}}}};
    if (!F.Main.Loc.File.empty())
      Result["locations"] =
          Array{Object{{"physicalLocation", physicalLocation(F.Main.Loc, R.ProjectRoot)}}};
    Array Related, Fixes;
    if (!F.Main.Fixes.empty())
      Fixes.push_back(fix(F.Main, std::nullopt, R.ProjectRoot));
    for (size_t I = 0; I < F.Notes.size(); ++I) {
      Object Note = location(F.Notes[I], R.ProjectRoot);
      Note["id"] = static_cast<int64_t>(I);
      Related.push_back(std::move(Note));
      if (!F.Notes[I].Fixes.empty())
        Fixes.push_back(fix(F.Notes[I], I, R.ProjectRoot));
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    Results.push_back(std::move(Result));
  }

  Array Notifications;
  for (const Failure &F : R.Failures) {
    Object Notification = location(F.FirstError, R.ProjectRoot);
    Object Entry{
        {"level", "error"},
        {"message", Notification["message"]},
        {"properties", Object{{"translationUnit", F.TranslationUnit}, {"errors", F.Errors}}}};
    if (!F.FirstError.Loc.File.empty())
      Entry["locations"] =
          Array{Object{{"physicalLocation", physicalLocation(F.FirstError.Loc, R.ProjectRoot)}}};
    Notifications.push_back(std::move(Entry));
  }

  Object Run{
      {"tool", Object{{"driver", Object{{"name", "statescope"},
                                        {"version", statescopeVersion()},
                                        {"semanticVersion", statescopeVersion()},
                                        {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       Object{{RootId,
               Object{{"uri",
                       "file://" + encodeUri(llvm::StringRef(R.ProjectRoot).rtrim('/')) + "/"}}}}},
      {"invocations", Array{Object{{"executionSuccessful", R.Failures.empty()},
                                   {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)},
      {"properties", Object{{"translationUnits", R.TranslationUnits},
                            {"suppressed", Object{{"nolint", R.Counts.NoLint},
                                                  {"outsideProject", R.Counts.OutsideProject},
                                                  {"baseline", R.Counts.Baseline}}}}}};
  return Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", Array{std::move(Run)}}};
}

llvm::Expected<Report> reportFromSarif(const Value &V) {
  const Object *Log = V.getAsObject();
  const Array *Runs = Log ? Log->getArray("runs") : nullptr;
  if (!Runs || Runs->size() != 1 || !Runs->front().getAsObject())
    return notOurs("statescope writes exactly one run");
  const Object &Run = *Runs->front().getAsObject();
  const Object *Tool = Run.getObject("tool");
  const Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
  if (!Driver || Driver->getString("name") != "statescope")
    return notOurs("the tool is not statescope");

  Report R;
  const Object *Bases = Run.getObject("originalUriBaseIds");
  const Object *Base = Bases ? Bases->getObject(RootId) : nullptr;
  llvm::StringRef RootUri = Base ? Base->getString("uri").value_or("") : "";
  if (!RootUri.consume_front("file://"))
    return notOurs("no file:// URI for " + RootId);
  R.ProjectRoot = decodeUri(RootUri.drop_back(RootUri.ends_with("/")));

  const Object *Properties = Run.getObject("properties");
  const Object *Suppressed = Properties ? Properties->getObject("suppressed") : nullptr;
  R.TranslationUnits = number(Properties, "translationUnits");
  R.Counts = {number(Suppressed, "nolint"), number(Suppressed, "outsideProject"),
              number(Suppressed, "baseline")};

  if (const Array *Results = Run.getArray("results"))
    for (const Value &Result : *Results) {
      if (!Result.getAsObject())
        return notOurs("a result that is not an object");
      auto F = findingOf(*Result.getAsObject(), R.ProjectRoot);
      if (!F)
        return F.takeError();
      R.Findings.push_back(std::move(*F));
    }

  const Array *Invocations = Run.getArray("invocations");
  if (Invocations)
    for (const Value &Invocation : *Invocations) {
      const Object *I = Invocation.getAsObject();
      const Array *Notifications = I ? I->getArray("toolExecutionNotifications") : nullptr;
      if (!Notifications)
        continue;
      for (const Value &N : *Notifications) {
        const Object *Notification = N.getAsObject();
        if (!Notification)
          continue;
        const Object *Props = Notification->getObject("properties");
        const Array *Locations = Notification->getArray("locations");
        Failure F;
        F.TranslationUnit = Props ? Props->getString("translationUnit").value_or("").str() : "";
        F.Errors = number(Props, "errors");
        Object NoPlace;
        const Object *Where = Locations && !Locations->empty() && Locations->front().getAsObject()
                                  ? Locations->front().getAsObject()
                                  : &NoPlace;
        F.FirstError = messageOf(*Where, Notification->getObject("message"), R.ProjectRoot);
        R.Failures.push_back(std::move(F));
      }
    }
  return R;
}

} // namespace statescope

//===--- Sarif.cpp - the report as a SARIF 2.1.0 log, and back ------------===//
//
// One run whose driver lists every check as a rule (SarifRules.h); results
// with the warning's location, the notes as related locations that the
// message links to, the two requests' interleaving as a code flow
// (Interleaving.h), the fix-its as fixes and the fingerprint as partial
// fingerprints, so that code-scanning services show the whole bug and track
// it across commits.
// Units that could not be analysed are tool execution notifications. What
// `statescope merge` needs beyond SARIF's own fields (the translation unit,
// byte offsets, counts) is kept in property bags, so that a log read back
// yields the report it was written from.
//
//===----------------------------------------------------------------------===//

#include "DocLinks.h"
#include "DocPages.h"
#include "Formats.h"
#include "Interleaving.h"
#include "SarifRules.h"

#include "llvm/ADT/StringExtras.h"
#include <map>
#include <set>

namespace statescope {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

constexpr llvm::StringLiteral RootId = "%SRCROOT%";
/// Our fingerprint, which merge reads back; and the key GitHub matches
/// alerts by, which upload-sarif fills from the source line when it is
/// missing (docs/ci.md).
constexpr llvm::StringLiteral FingerprintKey = "statescope/v2";
constexpr llvm::StringLiteral GithubFingerprintKey = "primaryLocationLineHash";

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

/// SARIF's message text (3.11.6): a bracket, and a backslash before one,
/// escaped so that only our links read as links.
std::string escapeMessage(llvm::StringRef Text) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    bool BeforeBracket = I + 1 < Text.size() && (Text[I + 1] == '[' || Text[I + 1] == ']');
    if (C == '[' || C == ']' || (C == '\\' && BeforeBracket))
      Out += '\\';
    Out += C;
  }
  return Out;
}

/// The words of a finding's message that say what a note shows, so that
/// they can link to it; empty when the message does not say it.
llvm::StringRef mentionOf(llvm::StringRef Said, const Message &Note, NoteRole Role) {
  llvm::StringRef Text = Note.Text;
  auto Found = [&](llvm::StringRef Phrase) {
    size_t At = Phrase.empty() ? llvm::StringRef::npos : Said.find(Phrase);
    return At == llvm::StringRef::npos ? llvm::StringRef() : Said.substr(At, Phrase.size());
  };
  switch (Role) {
  case NoteRole::Handler:
    return Found(Text.drop_back(llvm::StringRef(" runs once per request").size()));
  case NoteRole::Write: {
    if (Text == "this request sets it here")
      return Found("this request set it");
    if (llvm::StringRef Whole = Found(Text.drop_back(llvm::StringRef(" here").size()));
        !Whole.empty())
      return Whole;
    // "stores request data ('req.user') in it" in a message that says the
    // field "holds request data ('req.user')".
    size_t Data = Text.find("request data ('");
    size_t End = Data == llvm::StringRef::npos ? Data : Text.find("')", Data);
    return End == llvm::StringRef::npos ? llvm::StringRef() : Found(Text.slice(Data, End + 2));
  }
  case NoteRole::Suspension:
    return Found("suspended the request");
  case NoteRole::Read:
    return Found("reads it back");
  default:
    return {};
  }
}

/// The message with the notes it mentions linked to their related
/// locations ("[the handler for GET /](1)"), and the timeline's notes it
/// does not mention linked after it.
std::string linkedMessage(const Finding &F) {
  llvm::StringRef Text = F.Main.Text;
  struct Link {
    size_t Begin, End, Note;
  };
  std::vector<Link> Links;
  std::vector<std::pair<std::string, size_t>> Unmentioned;
  std::set<NoteRole> Listed;
  for (size_t I = 0; I < F.Notes.size(); ++I) {
    if (F.Notes[I].Loc.File.empty())
      continue;
    NoteRole Role = classifyNote(F.Notes[I]);
    llvm::StringRef Mention = mentionOf(Text, F.Notes[I], Role);
    size_t Begin = Mention.empty() ? 0 : Mention.data() - Text.data();
    bool Overlaps = llvm::any_of(
        Links, [&](const Link &L) { return Begin < L.End && L.Begin < Begin + Mention.size(); });
    if (!Mention.empty() && !Overlaps) {
      Links.push_back({Begin, Begin + Mention.size(), I});
      continue;
    }
    static const std::map<NoteRole, const char *> Labels = {
        {NoteRole::Write, "where it is written"},
        {NoteRole::Handler, "the handler"},
        {NoteRole::Suspension, "where the request suspends"},
        {NoteRole::Read, "where it is read back"}};
    auto Label = Labels.find(Role);
    if (Label != Labels.end() && Listed.insert(Role).second &&
        llvm::none_of(Links, [&](const Link &L) { return classifyNote(F.Notes[L.Note]) == Role; }))
      Unmentioned.push_back({Label->second, I});
  }
  llvm::sort(Links, [](const Link &A, const Link &B) { return A.Begin < B.Begin; });
  std::string Out;
  size_t At = 0;
  for (const Link &L : Links) {
    Out += escapeMessage(Text.slice(At, L.Begin));
    Out += "[" + escapeMessage(Text.slice(L.Begin, L.End)) + "](" + std::to_string(L.Note) + ")";
    At = L.End;
  }
  Out += escapeMessage(Text.substr(At));
  if (!Unmentioned.empty()) {
    std::vector<std::string> Listing;
    for (const auto &[Label, Note] : Unmentioned)
      Listing.push_back("[" + Label + "](" + std::to_string(Note) + ")");
    Out += " (" + llvm::join(Listing, ", ") + ")";
  }
  return Out;
}

/// The interleaving as one code flow of two thread flows, request A's and
/// request B's; none when the notes tell no timeline.
std::optional<Value> codeFlows(const Finding &F, llvm::StringRef Root) {
  Interleaving Steps = interleavingOf(F);
  if (Steps.RequestA.empty())
    return std::nullopt;
  auto ThreadFlow = [&](llvm::StringRef Name, const std::vector<InterleavingStep> &Request) {
    Array Locations;
    for (const InterleavingStep &Step : Request)
      Locations.push_back(Object{{"location", location(Message{Step.Text, Step.Loc, {}}, Root)},
                                 {"executionOrder", static_cast<int64_t>(Step.Order)}});
    return Object{
        {"id", Name}, {"message", Object{{"text", Name}}}, {"locations", std::move(Locations)}};
  };
  Array Threads{ThreadFlow("request A", Steps.RequestA)};
  if (!Steps.RequestB.empty())
    Threads.push_back(ThreadFlow("request B", Steps.RequestB));
  std::string Summary = Steps.RequestB.empty()
                            ? "how one request gets there"
                            : "two requests interleave: A stores its value, B stores its own in "
                              "the same place, A reads B's";
  return Value(
      Array{Object{{"message", Object{{"text", Summary}}}, {"threadFlows", std::move(Threads)}}});
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
  // The message as the check wrote it, without the links to the notes.
  const Object *Properties = Result.getObject("properties");
  std::optional<llvm::StringRef> Plain =
      Properties ? Properties->getString("message") : std::nullopt;
  if (!Plain)
    return notOurs("a result without statescope's plain message");
  Object Text{{"text", *Plain}};
  if (Locations && !Locations->empty() && Locations->front().getAsObject())
    F.Main = messageOf(*Locations->front().getAsObject(), &Text, Root);
  else
    F.Main.Text = Plain->str();
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
  std::optional<llvm::StringRef> Unit =
      Properties ? Properties->getString("translationUnit") : std::nullopt;
  if (!Fingerprint || !Unit)
    return notOurs("a result without statescope's fingerprint or translation unit");
  F.Hash = Fingerprint->split(':').first.str();
  F.TranslationUnit = Unit->str();
  return F;
}

} // namespace

Value toSarif(const Report &R, llvm::StringRef DocBaseUrl) {
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
    Rules.push_back(sarifRule(Check, DocBaseUrl));
  }

  Array Results;
  for (const Finding &F : R.Findings) {
    Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", RuleIndex[F.Check]},
        {"level", F.Level},
        {"message", Object{{"text", linkedMessage(F)}}},
        {"partialFingerprints",
         Object{{GithubFingerprintKey, F.fingerprint()}, {FingerprintKey, F.fingerprint()}}},
        {"properties", Object{{"translationUnit", F.TranslationUnit}, {"message", F.Main.Text}}}};
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
    if (std::optional<Value> Flows = codeFlows(F, R.ProjectRoot))
      Result["codeFlows"] = std::move(*Flows);
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

  Object Driver{{"name", "statescope"},
                {"version", statescopeVersion()},
                {"semanticVersion", statescopeVersion()},
                {"rules", std::move(Rules)}};
  if (std::string Readme = readmeUrl(DocBaseUrl); !Readme.empty())
    Driver["informationUri"] = Readme;
  Object Run{
      {"tool", Object{{"driver", std::move(Driver)}}},
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

//===--- InterleavingTest.cpp - notes' roles and the two requests ---------===//
//
// The phrasings the checks use for their notes, each classified; and the
// timelines built from findings shaped as the checks report them: one
// handler, two handlers, a suspension, a call chain, no write at all.
//
//===----------------------------------------------------------------------===//

#include "Interleaving.h"

#include <gtest/gtest.h>

namespace statescope::test {
namespace {

Message note(std::string Text, unsigned Line) {
  return Message{std::move(Text), Location{"/p/a.cpp", Line, 1, Line * 10}, {}};
}

/// "A3:9 B4:9 ..." : request, order and line of each step, in order.
std::string timeline(const Interleaving &I) {
  std::vector<std::pair<unsigned, std::string>> Steps;
  for (const InterleavingStep &S : I.RequestA)
    Steps.push_back({S.Order, "A" + std::to_string(S.Order) + ":" + std::to_string(S.Loc.Line)});
  for (const InterleavingStep &S : I.RequestB)
    Steps.push_back({S.Order, "B" + std::to_string(S.Order) + ":" + std::to_string(S.Loc.Line)});
  std::sort(Steps.begin(), Steps.end());
  std::string Out;
  for (const auto &Step : Steps)
    Out += (Out.empty() ? "" : " ") + Step.second;
  return Out;
}

TEST(Interleaving, ClassifiesEveryPhrasingTheChecksUse) {
  auto Role = [](const char *Text) { return classifyNote(note(Text, 1)); };
  EXPECT_EQ(NoteRole::Write, Role("stores request data ('req.user') in it through 'set' here"));
  EXPECT_EQ(NoteRole::Write, Role("stores request data ('u') in it (field 'user_') here"));
  EXPECT_EQ(NoteRole::Write, Role("changes its state through 'reset' here"));
  EXPECT_EQ(NoteRole::Write, Role("modifies its field 'count_' here"));
  EXPECT_EQ(NoteRole::Write, Role("modifies it here"));
  EXPECT_EQ(NoteRole::Write, Role("assigns its field 'x_' here"));
  EXPECT_EQ(NoteRole::Write, Role("passes it to be written with request data ('b') here"));
  EXPECT_EQ(NoteRole::Write, Role("this request sets it here"));
  EXPECT_EQ(NoteRole::Handler, Role("the handler for POST /orders runs once per request"));
  EXPECT_EQ(NoteRole::Handler, Role("handler 'handleOrder' runs once per request"));
  EXPECT_EQ(NoteRole::Call, Role("'OrderManager::apply' is called here on the request path"));
  EXPECT_EQ(NoteRole::Suspension, Role("the request suspends here; other requests run before it "
                                       "resumes, possibly on another thread"));
  EXPECT_EQ(NoteRole::Suspension, Role("the work is handed over here"));
  EXPECT_EQ(NoteRole::Read, Role("read back here after 'co_await db()' suspended the request; "
                                 "another request's value may be there by then"));
  EXPECT_EQ(NoteRole::Read, Role("'currentUser' is read here"));
  EXPECT_EQ(NoteRole::Fix, Role("copy 'currentUser' into a local before the request suspends, "
                                "and read the copy"));
  EXPECT_EQ(NoteRole::Fix, Role("keep this request's value in a per-request object, or pass it "
                                "explicitly (a request context object) to the code that needs it"));
  EXPECT_EQ(NoteRole::Fix, Role("no automatic fix for 'hits': it holds no request data; guard "
                                "its updates with a lock or make them atomic"));
  Message WithEdit = note("make 'x' a local", 3);
  WithEdit.Fixes.push_back({"/p/a.cpp", 0, 1, "y"});
  EXPECT_EQ(NoteRole::Fix, classifyNote(WithEdit));
  // Look-alikes: what sits beside the timeline.
  EXPECT_EQ(NoteRole::Context, Role("and 2 more writes on the request path"));
  EXPECT_EQ(NoteRole::Context, Role("'conn' is handed out here: every copy of it points to the "
                                    "same shared object"));
  EXPECT_EQ(NoteRole::Context, Role("'pool' is made at start-up, passed in on the request path"));
  EXPECT_EQ(NoteRole::Context, Role("stores nothing"));
}

TEST(Interleaving, OneHandlerRunsTwiceAndRequestAReadsAtTheFinding) {
  Finding F;
  F.Main = note("'m' is shared by every request", 2);
  F.Notes = {note("stores request data ('req.user') in it through 'set' here", 9),
             note("'Api::apply' is called here on the request path", 7),
             note("the handler for GET / runs once per request", 5),
             note("build a per-request 'M' in each handler", 2)};
  Interleaving I = interleavingOf(F);
  EXPECT_EQ("A1:5 A2:7 A3:9 B4:5 B5:7 B6:9 A7:2", timeline(I));
  EXPECT_EQ("request A uses it afterwards and may get request B's value", I.RequestA.back().Text);
}

TEST(Interleaving, TwoHandlersAreRequestAAndRequestB) {
  Finding F;
  F.Main = note("'m' is shared by every request", 2);
  F.Notes = {note("stores request data ('req.user') in it here", 9),
             note("handler 'login' runs once per request", 8),
             note("stores request data ('req.name') in it here", 20),
             note("handler 'rename' runs once per request", 19)};
  EXPECT_EQ("A1:8 A2:9 B3:19 B4:20 A5:2", timeline(interleavingOf(F)));
  // A second write in the same handler (its handler note said once) is not
  // another request.
  F.Notes = {note("stores request data ('req.user') in it here", 9),
             note("handler 'login' runs once per request", 8), note("modifies it here", 10)};
  EXPECT_EQ("A1:8 A2:9 B3:8 B4:9 A5:2", timeline(interleavingOf(F)));
}

TEST(Interleaving, RequestASuspendsBetweenItsWriteAndItsRead) {
  // The thread-local check: the finding is the read after the suspension.
  Finding F;
  F.Main = note("thread_local 'user' is read after 'co_await db()' suspended the request", 12);
  F.Notes = {note("this request sets it here", 9),
             note("the request suspends here; other requests run before it resumes", 10),
             note("copy 'user' into a local before the request suspends, and read the copy", 12)};
  Interleaving I = interleavingOf(F);
  EXPECT_EQ("A1:9 A2:10 B3:9 A4:12", timeline(I));
  // A read-back note is request A's read.
  F.Main = note("'m' is shared by every request", 2);
  F.Notes = {note("stores request data ('req.user') in it here", 9),
             note("handler 'login' runs once per request", 8),
             note("read back here after 'co_await db()' suspended the request; another "
                  "request's value may be there by then",
                  14)};
  I = interleavingOf(F);
  EXPECT_EQ("A1:8 A2:9 B3:8 B4:9 A5:14", timeline(I));
  EXPECT_EQ(F.Notes[2].Text, I.RequestA.back().Text);
}

TEST(Interleaving, WithoutAWriteAFlowOfWhatThereIsAndNeverAnEmptyOne) {
  Finding F;
  F.Main = note("marker without a reason", 3);
  EXPECT_TRUE(interleavingOf(F).RequestA.empty());
  F.Notes = {note("add the reason after 'shared -'", 3)};
  EXPECT_TRUE(interleavingOf(F).RequestA.empty());
  F.Notes = {note("handler 'login' runs once per request", 8)};
  Interleaving I = interleavingOf(F);
  EXPECT_EQ("A1:8 A2:3", timeline(I));
  EXPECT_TRUE(I.RequestB.empty());
}

} // namespace
} // namespace statescope::test

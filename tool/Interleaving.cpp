//===--- Interleaving.cpp - a finding as two requests that interleave -----===//

#include "Interleaving.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace statescope {

NoteRole classifyNote(const Message &Note) {
  llvm::StringRef Text = Note.Text;
  if (!Note.Fixes.empty())
    return NoteRole::Fix;
  if (Text.ends_with(" runs once per request"))
    return NoteRole::Handler;
  if (Text.ends_with(" is called here on the request path"))
    return NoteRole::Call;
  if (Text.starts_with("the request suspends here") || Text == "the work is handed over here")
    return NoteRole::Suspension;
  if (Text.starts_with("read back here ") ||
      (Text.starts_with("'") && Text.ends_with(" is read here")))
    return NoteRole::Read;
  // SharedStateCheck::describeWrite(...) + " here", and the thread-local
  // check's write.
  if (Text == "this request sets it here")
    return NoteRole::Write;
  if (Text.ends_with(" here"))
    for (llvm::StringRef Verb : {"stores ", "changes ", "modifies ", "assigns ", "passes "})
      if (Text.starts_with(Verb))
        return NoteRole::Write;
  // The advice where no fix-it applies.
  for (llvm::StringRef Advice :
       {"copy '", "capture '", "copy the value ", "keep this request's value ", "keep the value ",
        "build a per-request ", "no automatic fix "})
    if (Text.starts_with(Advice))
      return NoteRole::Fix;
  return NoteRole::Context;
}

namespace {

/// A write note with the notes that say how the request got there: the
/// calls, innermost first, and the handler, as noteWrites emits them.
struct WritePath {
  const Message *Write = nullptr;
  std::vector<const Message *> Calls;
  const Message *Handler = nullptr;
};

bool samePlace(const Location &A, const Location &B) {
  return A.File == B.File && A.Offset == B.Offset;
}

class Timeline {
public:
  void add(std::vector<InterleavingStep> &Request, const Location &Loc, std::string Text) {
    Request.push_back({Loc, std::move(Text), ++Order});
  }
  /// The handler, the calls outermost first, and the write.
  void addPath(std::vector<InterleavingStep> &Request, const WritePath &P) {
    if (P.Handler)
      add(Request, P.Handler->Loc, P.Handler->Text);
    for (auto It = P.Calls.rbegin(); It != P.Calls.rend(); ++It)
      add(Request, (*It)->Loc, (*It)->Text);
    if (P.Write)
      add(Request, P.Write->Loc, P.Write->Text);
  }

private:
  unsigned Order = 0;
};

} // namespace

Interleaving interleavingOf(const Finding &F) {
  std::vector<WritePath> Writes;
  WritePath Unwritten; // calls and a handler before any write note
  std::vector<const Message *> Suspensions, Reads;
  for (const Message &Note : F.Notes) {
    WritePath &Current = Writes.empty() ? Unwritten : Writes.back();
    switch (classifyNote(Note)) {
    case NoteRole::Write:
      Writes.push_back({&Note, {}, nullptr});
      break;
    case NoteRole::Call:
      Current.Calls.push_back(&Note);
      break;
    case NoteRole::Handler:
      if (!Current.Handler)
        Current.Handler = &Note;
      break;
    case NoteRole::Suspension:
      Suspensions.push_back(&Note);
      break;
    case NoteRole::Read:
      Reads.push_back(&Note);
      break;
    case NoteRole::Fix:
    case NoteRole::Context:
      break;
    }
  }

  Interleaving Result;
  Timeline T;
  if (Writes.empty()) {
    // A flow of what there is: how the request gets there, where it
    // suspends and reads; nothing when that is only the finding itself.
    T.addPath(Result.RequestA, Unwritten);
    for (const Message *S : Suspensions)
      T.add(Result.RequestA, S->Loc, S->Text);
    for (const Message *R : Reads)
      T.add(Result.RequestA, R->Loc, R->Text);
    if (Result.RequestA.empty())
      return Result;
    if (!Reads.empty() || F.Main.Loc.File.empty())
      return Result;
    T.add(Result.RequestA, F.Main.Loc, "request A reads it here");
    return Result;
  }

  // Request A takes the first write; request B the first write from another
  // handler, else the same write again (the same handler, another request).
  const WritePath &A = Writes.front();
  const WritePath *B = &A;
  for (const WritePath &Other : Writes)
    if (A.Handler && Other.Handler && !samePlace(A.Handler->Loc, Other.Handler->Loc)) {
      B = &Other;
      break;
    }
  T.addPath(Result.RequestA, A);
  if (!Suspensions.empty())
    T.add(Result.RequestA, Suspensions.front()->Loc, Suspensions.front()->Text);
  T.addPath(Result.RequestB, *B);

  if (!Reads.empty()) {
    T.add(Result.RequestA, Reads.front()->Loc, Reads.front()->Text);
  } else if (!F.Main.Loc.File.empty()) {
    // The finding's own place: the read itself after a suspension (the
    // thread-local check reports the read), else the shared state, which
    // request A goes on to use.
    T.add(Result.RequestA, F.Main.Loc,
          Suspensions.empty() ? "request A uses it afterwards and may get request B's value"
                              : "request A reads it here after resuming and may get request "
                                "B's value");
  }
  return Result;
}

} // namespace statescope

//===--- ThreadLocalAcrossAwaitCheck.cpp - statescope ---------------------===//

#include "ThreadLocalAcrossAwaitCheck.h"
#include "ASTFacts.h"

#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::statescope {

using clang::statescope::StaleRead;
using clang::statescope::SuspensionKind;

namespace {

/// The thread_local variable a copy can stand in for: one read by name
/// (not through an accessor or a call), declared outside any function.
const VarDecl *copyableThreadLocal(const StaleRead &R) {
  if (!R.ThreadLocal || !R.isDirectRead() || R.Read->getBeginLoc().isMacroID() ||
      isa<FunctionDecl>(R.ThreadLocal->getDeclContext()) || R.Function->isTemplateInstantiation())
    return nullptr;
  return R.ThreadLocal;
}

/// The innermost compound statement of S that holds both locations, or null.
const CompoundStmt *innermostBlockHolding(const Stmt *S, SourceLocation A, SourceLocation B,
                                          const SourceManager &SM) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  SourceRange Range = S->getSourceRange();
  auto Holds = [&](SourceLocation L) {
    return SM.isPointWithin(L, Range.getBegin(), Range.getEnd());
  };
  if (!Holds(A) || !Holds(B))
    return nullptr;
  for (const Stmt *Child : S->children())
    if (const CompoundStmt *Inner = innermostBlockHolding(Child, A, B, SM))
      return Inner;
  return dyn_cast<CompoundStmt>(S);
}

std::string sourceText(SourceRange Range, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Ctx.getSourceManager(),
                              Ctx.getLangOpts())
      .str();
}

/// True when Name occurs as an identifier in the text of S.
bool mentions(const Stmt *S, llvm::StringRef Name, const ASTContext &Ctx) {
  std::string Text = sourceText(S->getSourceRange(), Ctx);
  for (size_t At = Text.find(Name.str()); At != std::string::npos;
       At = Text.find(Name.str(), At + 1)) {
    auto IsIdentifierChar = [](char C) {
      return isalnum(static_cast<unsigned char>(C)) || C == '_';
    };
    bool Before = At > 0 && IsIdentifierChar(Text[At - 1]);
    bool After = At + Name.size() < Text.size() && IsIdentifierChar(Text[At + Name.size()]);
    if (!Before && !After)
      return true;
  }
  return false;
}

/// How many times Body names Var, through any of its declarations.
unsigned countReferences(const Stmt *Body, const VarDecl *Var, ASTContext &Ctx) {
  unsigned Count = 0;
  for (const VarDecl *Declaration : Var->redecls())
    Count += utils::decl_ref_expr::allDeclRefExprs(*Declaration, *Body, Ctx).size();
  return Count;
}

} // namespace

void ThreadLocalAcrossAwaitCheck::checkModel(const RequestScopeModel &Model) {
  const SourceManager &SM = Model.context().getSourceManager();
  for (const FindingToReport &Report :
       findingsToReport(Model, FindingCheck::ThreadLocalAcrossAwait)) {
    // One finding per state and function: the first read is reported, the
    // others are its notes.
    const StaleRead &Lead = *Report.Parts.Reads.front();
    bool Shared = Lead.Object != nullptr;
    diag(Report.isSuppressed() ? Report.SuppressedAt : Lead.Read->getBeginLoc(),
         "%select{thread_local|shared}0 '%1' is read %2, but this request set it "
         "before; %select{the thread may have run other requests since, or be another "
         "thread|other requests may have changed it since}0")
        << Shared << Lead.Name << describeSuspension(Model, Lead);
    if (Report.isSuppressed())
      continue; // clang-tidy drops the warning and its notes.
    llvm::SmallPtrSet<const Expr *, 4> Noted;
    auto NoteOnce = [&](const Expr *At) {
      return !isSuppressedAt(SM, At->getBeginLoc()) && Noted.insert(At).second;
    };
    for (const StaleRead *R : Report.Parts.Reads) {
      if (R != &Lead && NoteOnce(R->Read))
        diag(R->Read->getBeginLoc(), "'%0' is read again here %1", DiagnosticIDs::Note)
            << R->Name << describeSuspension(Model, *R);
      if (R->ReadInside && NoteOnce(R->ReadInside))
        diag(R->ReadInside->getBeginLoc(), "'%0' is read here", DiagnosticIDs::Note) << R->Name;
      if (NoteOnce(R->Write))
        diag(R->Write->getBeginLoc(), "this request sets it here", DiagnosticIDs::Note);
      if (R->Suspension && NoteOnce(R->Suspension))
        diag(R->Suspension->getBeginLoc(),
             "%select{the request suspends here; other requests "
             "run before it resumes, possibly on another thread|"
             "the work is handed over here}0",
             DiagnosticIDs::Note)
            << (R->Kind == SuspensionKind::DeferredWork);
      noteCure(Model, *R);
    }
  }
}

void ThreadLocalAcrossAwaitCheck::noteCure(const RequestScopeModel &Model, const StaleRead &R) {
  std::optional<std::vector<FixItHint>> Edits;
  if (R.Kind == SuspensionKind::DeferredWork)
    Edits = captureWhenHandedOver(Model, R);
  else if (R.Kind != SuspensionKind::LaterCallback)
    Edits = copyBeforeSuspension(Model, R);
  if (Edits && !Edits->empty()) {
    auto Note = diag(R.Read->getBeginLoc(),
                     R.Kind == SuspensionKind::DeferredWork
                         ? "capture '%0' by value where the work is handed over"
                         : "copy '%0' into a local before the request suspends, and read the copy",
                     DiagnosticIDs::Note)
                << R.Name;
    for (const FixItHint &Edit : *Edits)
      Note << Edit;
    return;
  }
  if (Edits) {
    diag(R.Read->getBeginLoc(),
         "copy '%0' into a local before the request suspends; the fix offered at the first "
         "read after the suspension replaces this read too",
         DiagnosticIDs::Note)
        << R.Name;
    return;
  }
  unsigned Cure = R.Object                                  ? 0
                  : R.Kind == SuspensionKind::DeferredWork  ? 2
                  : R.Kind == SuspensionKind::LaterCallback ? 3
                                                            : 1;
  diag(R.Read->getBeginLoc(),
       "%select{keep this request's value in a per-request object|copy the value into a "
       "local before the request suspends|copy the value into the work where it is handed "
       "over|keep the value in the object that handles the call}0, or pass it explicitly "
       "(a request context object) to the code that needs it",
       DiagnosticIDs::Note)
      << Cure;
}

const StaleRead *ThreadLocalAcrossAwaitCheck::carrier(const RequestScopeModel &Model,
                                                      ArrayRef<const StaleRead *> Together) const {
  const SourceManager &SM = Model.context().getSourceManager();
  for (const StaleRead *R : Together)
    if (!isSuppressedAt(SM, R->Read->getBeginLoc()))
      return R;
  return nullptr;
}

/// `const auto savedUser = user;` before the statement that suspends, and
/// the reads after it replaced. Every direct read after the same suspension
/// is part of one fix, carried by the first of them; an empty fix means an
/// earlier read carries it.
std::optional<std::vector<FixItHint>>
ThreadLocalAcrossAwaitCheck::copyBeforeSuspension(const RequestScopeModel &Model,
                                                  const StaleRead &R) {
  const VarDecl *Var = copyableThreadLocal(R);
  if (!Var || !R.Suspension)
    return std::nullopt;
  const ASTContext &Ctx = Model.context();
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<const StaleRead *> Together;
  for (const StaleRead &Other : Model.staleReads())
    if (Other.Function == R.Function && Other.Suspension == R.Suspension &&
        Other.ThreadLocal == Var && Other.isDirectRead()) {
      if (!copyableThreadLocal(Other))
        return std::nullopt;
      Together.push_back(&Other);
    }
  if (carrier(Model, Together) != &R)
    return std::vector<FixItHint>{};

  const Stmt *Body = R.Function->getBody();
  SourceLocation SuspendsAt = R.Suspension->getBeginLoc();
  const CompoundStmt *Block = innermostBlockHolding(Body, SuspendsAt, R.Read->getBeginLoc(), SM);
  if (!Block || SuspendsAt.isMacroID())
    return std::nullopt;
  const Stmt *Statement = nullptr;
  for (const Stmt *Child : Block->body())
    if (SM.isPointWithin(SuspendsAt, Child->getBeginLoc(), Child->getEndLoc()))
      Statement = Child;
  // The copy must come after this request's write, in the same block.
  if (!Statement || Statement->getBeginLoc().isMacroID() ||
      !SM.isBeforeInTranslationUnit(R.Write->getEndLoc(), Statement->getBeginLoc()))
    return std::nullopt;
  for (const StaleRead *Other : Together)
    if (!SM.isPointWithin(Other->Read->getBeginLoc(), Block->getBeginLoc(), Block->getEndLoc()))
      return std::nullopt;

  std::string Name = Var->getNameAsString();
  std::string Saved = "saved" + Name;
  Saved[5] = static_cast<char>(toupper(static_cast<unsigned char>(Saved[5])));
  if (mentions(Body, Saved, Ctx))
    return std::nullopt;
  std::string Indent = Lexer::getIndentationForLine(Statement->getBeginLoc(), SM).str();
  std::vector<FixItHint> Edits{FixItHint::CreateInsertion(
      Statement->getBeginLoc(), "const auto " + Saved + " = " + Name + ";\n" + Indent)};
  for (const StaleRead *Other : Together)
    Edits.push_back(FixItHint::CreateReplacement(Other->Read->getSourceRange(), Saved));
  return Edits;
}

/// `[user = user]` on the lambda handed over, when every use of the
/// variable in it is a read of the value the request set.
std::optional<std::vector<FixItHint>>
ThreadLocalAcrossAwaitCheck::captureWhenHandedOver(const RequestScopeModel &Model,
                                                   const StaleRead &R) {
  const VarDecl *Var = copyableThreadLocal(R);
  const auto *Handover = dyn_cast_or_null<CallExpr>(R.Suspension);
  const auto *Operator = dyn_cast<CXXMethodDecl>(R.Function);
  if (!Var || !Handover || !Operator || !Operator->getParent()->isLambda())
    return std::nullopt;
  const LambdaExpr *Lambda = nullptr;
  for (const Expr *Arg : Handover->arguments())
    if (const auto *L = dyn_cast<LambdaExpr>(clang::statescope::ignoreWrappers(Arg));
        L && L->getCallOperator() == Operator)
      Lambda = L;
  if (!Lambda || Lambda->getBeginLoc().isMacroID())
    return std::nullopt;
  std::vector<const StaleRead *> Together;
  for (const StaleRead &Other : Model.staleReads())
    if (Other.Function == R.Function && Other.ThreadLocal == Var)
      Together.push_back(&Other);
  if (carrier(Model, Together) != &R)
    return std::vector<FixItHint>{};
  bool AllDirect = llvm::all_of(
      Together, [](const StaleRead *Other) { return copyableThreadLocal(*Other) != nullptr; });
  if (!AllDirect || countReferences(Lambda->getBody(), Var, Model.context()) != Together.size())
    return std::nullopt;
  std::string Name = Var->getNameAsString();
  bool First = Lambda->explicit_captures().empty() && Lambda->getCaptureDefault() == LCD_None;
  return std::vector<FixItHint>{FixItHint::CreateInsertion(
      Lambda->getIntroducerRange().getEnd(), (First ? "" : ", ") + Name + " = " + Name)};
}

} // namespace clang::tidy::statescope

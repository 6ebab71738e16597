//===--- PerRequestFix.cpp - the cure: build the object per request -------===//

#include "PerRequestFix.h"
#include "ASTFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include <map>

namespace clang::statescope {
namespace {

/// A mention of the shared variable, and the function whose body holds it
/// (a lambda's call operator for code inside a lambda).
struct Use {
  const DeclRefExpr *Ref;
  const FunctionDecl *In;
  /// The member call made on the variable, when the mention is its object.
  const CXXMemberCallExpr *Call;
};

class UseFinder : public ProgramCodeVisitor<UseFinder> {
public:
  UseFinder(const ASTContext &Ctx, const VarDecl *Var) : ProgramCodeVisitor(Ctx), Var(Var) {}

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == Var)
      CallOn[Ref] = Call;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Var)
      Uses.push_back({Ref, enclosing(), nullptr});
    return true;
  }

  std::vector<Use> uses() {
    for (Use &U : Uses)
      U.Call = CallOn.lookup(U.Ref);
    return Uses;
  }

private:
  const VarDecl *Var;
  std::vector<Use> Uses;
  llvm::DenseMap<const DeclRefExpr *, const CXXMemberCallExpr *> CallOn;
};

/// The source text of a range, or empty when any of it comes from a macro.
std::string textOf(const ASTContext &Ctx, SourceRange Range) {
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Ctx.getSourceManager(),
                              Ctx.getLangOpts())
      .str();
}

/// The location just past the `;` that ends a declaration ending at End.
SourceLocation afterSemicolon(const ASTContext &Ctx, SourceLocation End) {
  return Lexer::findLocationAfterToken(End, tok::semi, Ctx.getSourceManager(), Ctx.getLangOpts(),
                                       false);
}

bool isStatementOf(const FunctionDecl *F, const Expr *E) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(F->getBody());
  return Body && llvm::any_of(Body->body(), [&](const Stmt *S) {
           const auto *Statement = dyn_cast<Expr>(S);
           return Statement && Statement->IgnoreImplicit() == E;
         });
}

bool declaresName(const FunctionDecl *F, llvm::StringRef Name) {
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::StringRef Name;
    bool Found = false;
    bool VisitVarDecl(VarDecl *V) {
      Found |= V->getIdentifier() && V->getName() == Name;
      return true;
    }
  } Finder;
  Finder.Name = Name;
  for (const ParmVarDecl *P : F->parameters())
    Finder.Found |= P->getIdentifier() && P->getName() == Name;
  Finder.TraverseStmt(F->getBody());
  return Finder.Found;
}

/// What a handler's own object is called: what it holds, the class's name
/// in lower camel case (`OrderManager` -> `orderManager`), rather than the
/// shared variable's (`g_ctx`). A class already named in lower case would
/// be hidden by such a local, so its objects keep the variable's name.
std::string perRequestName(const CXXRecordDecl *Class, const VarDecl *Var) {
  std::string Name = Class->getNameAsString();
  if (Name.empty() || !isUppercase(Name.front()))
    return Var->getNameAsString();
  Name.front() = toLowercase(Name.front());
  return Name;
}

/// A declaration's trailing comment, `T x; // what x is`: the text from
/// after its `;` to the end of the line when that is one comment, or empty.
llvm::StringRef trailingComment(const SourceManager &SM, SourceLocation AfterSemicolon) {
  bool Invalid = false;
  const char *At = SM.getCharacterData(AfterSemicolon, &Invalid);
  if (Invalid)
    return "";
  llvm::StringRef Rest = llvm::StringRef(At).split('\n').first.rtrim("\r");
  llvm::StringRef Comment = Rest.ltrim(" \t");
  if (Comment.starts_with("//") || (Comment.starts_with("/*") && Comment.ends_with("*/") &&
                                    Comment.find("*/") == Comment.size() - 2))
    return Rest;
  return "";
}

/// Whether a copy of Class can be returned from a factory.
bool canBeReturned(const CXXRecordDecl *Class) {
  for (const CXXConstructorDecl *C : Class->ctors())
    if ((C->isCopyConstructor() || C->isMoveConstructor()) && !C->isDeleted() &&
        C->getAccess() == AS_public)
      return true;
  return (Class->needsImplicitMoveConstructor() && !Class->defaultedMoveConstructorIsDeleted()) ||
         (Class->needsImplicitCopyConstructor() && !Class->defaultedCopyConstructorIsDeleted());
}

bool hasPublicDefaultConstructor(const CXXRecordDecl *Class) {
  if (Class->needsImplicitDefaultConstructor())
    return true;
  return llvm::any_of(Class->ctors(), [](const CXXConstructorDecl *C) {
    return C->isDefaultConstructor() && !C->isDeleted() && C->getAccess() == AS_public;
  });
}

class Planner {
public:
  Planner(const RequestScopeModel &Model, const SharedObject &Object, PerRequestForm Form)
      : Model(Model), Ctx(Model.context()), SM(Ctx.getSourceManager()), Object(Object), Form(Form) {
  }

  PerRequestFix plan() {
    const VarDecl *Var = Object.Variable;
    switch (Object.Kind) {
    case SharingKind::Global:
      break;
    case SharingKind::LocalStatic:
      return none("every caller of its accessor would need the per-request object",
                  Object.Declaration);
    case SharingKind::StaticMember:
      return none("it is a static member", Object.Declaration);
    case SharingKind::CapturedByHandler:
      return none("handlers capture it from the code that starts the server", Object.Declaration);
    case SharingKind::FrameworkInstance:
      return none("the framework creates it", Object.Declaration);
    case SharingKind::DeclaredInstance:
    case SharingKind::HeldByCopies:
      return none("the server's code creates it", Object.Declaration);
    case SharingKind::MadeAtStartUp:
      return none("start-up code creates it and hands it to the handlers", Object.Declaration);
    case SharingKind::PassedIn:
      return none("another file's request path passes it in", Object.Declaration);
    }
    if (!isInMainFile(Ctx, Var->getLocation()) || Var->getPreviousDecl())
      return none("it is declared in another file", Var->getLocation());
    if (Var->getLocation().isMacroID() || Var->isTemplated())
      return none("it is declared through a macro or template", Var->getLocation());
    const CXXRecordDecl *Class = Var->getType()->getAsCXXRecordDecl();
    if (!Class || !Class->hasDefinition())
      return none("it is reached through a pointer", Var->getLocation());
    Class = Class->getDefinition();
    const auto *Init = dyn_cast_or_null<CXXConstructExpr>(Var->getInit());
    if (Var->getInit() && (!Init || Init->getNumArgs() != 0))
      return none("it is initialised with arguments", Var->getLocation());
    if (!hasPublicDefaultConstructor(Class) || !canBeReturned(Class))
      return none("'" + Class->getNameAsString() + "' cannot be built per request as it is",
                  Class->getLocation());
    for (const Decl *D : Var->getDeclContext()->decls())
      if (D != Var && isa<VarDecl>(D) && D->getBeginLoc() == Var->getBeginLoc())
        return none("it shares its declaration with another variable", Var->getLocation());

    UseFinder Finder(Ctx, Var);
    Finder.TraverseAST(const_cast<ASTContext &>(Ctx));
    std::map<const FunctionDecl *, std::vector<Use>> ByHandler;
    for (const Use &U : Finder.uses()) {
      if (U.In && U.In->isTemplated())
        return none("it is used in a template", U.Ref->getLocation());
      const Reach *R = U.In ? Model.reach(U.In) : nullptr;
      if (!R || R->Caller)
        return none("it is also used outside request handlers", U.Ref->getLocation());
      ByHandler[U.In].push_back(U);
    }
    if (ByHandler.empty())
      return none("no handler uses it directly", Var->getLocation());

    const CXXMethodDecl *Setter = nullptr;
    std::vector<const CXXMemberCallExpr *> SetterCalls;
    for (auto &[Handler, Uses] : ByHandler) {
      llvm::sort(Uses, [&](const Use &A, const Use &B) {
        return SM.isBeforeInTranslationUnit(A.Ref->getBeginLoc(), B.Ref->getBeginLoc());
      });
      const Use &First = Uses.front();
      if (!First.Call || !isStatementOf(Handler, First.Call))
        return none("a handler uses it before setting it", First.Ref->getLocation());
      const CXXMethodDecl *Method = First.Call->getMethodDecl();
      if (Setter && Method != Setter)
        return none("handlers set it through different member functions", First.Ref->getLocation());
      Setter = Method;
      for (const Use &Later : llvm::drop_begin(Uses))
        if (Later.Call && Later.Call->getMethodDecl() == Setter)
          return none("a handler sets it twice", Later.Ref->getLocation());
      std::string Local = perRequestName(Class, Var);
      if (declaresName(Handler, Var->getName()) || declaresName(Handler, Local))
        return none("a handler already has a variable named '" + Local + "'",
                    First.Ref->getLocation());
      SetterCalls.push_back(First.Call);
      for (const Use &Later : llvm::drop_begin(Uses))
        LaterUses.push_back(Later.Ref);
    }
    return Form == PerRequestForm::Factory ? factory(Var, Class, Setter, SetterCalls)
                                           : constructor(Var, Class, Setter, SetterCalls);
  }

private:
  PerRequestFix none(const std::string &Why, SourceLocation Where) {
    PerRequestFix Fix;
    Fix.Explanation = "no automatic fix for '" + Object.Name + "': " + Why +
                      "; build it per request in each handler and pass it the request data";
    Fix.Location = SM.getExpansionLoc(Where);
    return Fix;
  }

  /// The setter's parameters as a declaration list, and their names.
  void parameters(const CXXMethodDecl *Setter, std::string &List, std::string &Names) {
    PrintingPolicy Policy = Ctx.getPrintingPolicy();
    for (unsigned I = 0; I < Setter->getNumParams(); ++I) {
      const ParmVarDecl *P = Setter->getParamDecl(I);
      std::string Name = P->getName().empty() ? "arg" + std::to_string(I) : P->getNameAsString();
      List += (I ? ", " : "") + P->getType().getAsString(Policy);
      if (List.back() != '&' && List.back() != '*')
        List += ' ';
      List += Name;
      Names += (I ? ", " : "") + Name;
    }
  }

  /// The arguments of a setter call as written, without defaulted ones.
  std::optional<std::string> arguments(const CXXMemberCallExpr *Call) {
    std::string Text;
    for (const Expr *Arg : Call->arguments()) {
      if (isa<CXXDefaultArgExpr>(Arg))
        break;
      std::string One = textOf(Ctx, Arg->getSourceRange());
      if (One.empty())
        return std::nullopt;
      Text += (Text.empty() ? "" : ", ") + One;
    }
    return Text;
  }

  /// Renames the handlers' uses after the setter call, when the handler's
  /// own object is named differently from the shared one.
  bool renameLaterUses(const std::string &Name, const std::string &Local,
                       std::vector<FixItHint> &Edits, SourceLocation &Stop) {
    if (Name == Local)
      return true;
    for (const DeclRefExpr *Ref : LaterUses) {
      if (Ref->getLocation().isMacroID()) {
        Stop = Ref->getLocation();
        return false;
      }
      Edits.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Ref->getLocation(), Ref->getLocation()), Local));
    }
    return true;
  }

  /// Replaces each handler's setter call with Declaration(arguments).
  bool replaceSetterCalls(llvm::ArrayRef<const CXXMemberCallExpr *> Calls,
                          llvm::function_ref<std::string(const std::string &)> Declaration,
                          std::vector<FixItHint> &Edits, SourceLocation &Stop) {
    for (const CXXMemberCallExpr *Call : Calls) {
      std::optional<std::string> Args = arguments(Call);
      if (!Args || Call->getBeginLoc().isMacroID() || Call->getEndLoc().isMacroID()) {
        Stop = Call->getBeginLoc();
        return false;
      }
      Edits.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Call->getSourceRange()), Declaration(*Args)));
    }
    return true;
  }

  PerRequestFix factory(const VarDecl *Var, const CXXRecordDecl *Class, const CXXMethodDecl *Setter,
                        llvm::ArrayRef<const CXXMemberCallExpr *> Calls) {
    std::string Type = textOf(Ctx, Var->getTypeSourceInfo()->getTypeLoc().getSourceRange());
    std::string FactoryName = "make" + Class->getNameAsString();
    if (Type.empty())
      return none("its type is spelled through a macro", Var->getLocation());
    if (!Var->getDeclContext()->lookup(&Ctx.Idents.get(FactoryName)).empty())
      return none("'" + FactoryName + "' already exists", Var->getLocation());
    SourceLocation End = afterSemicolon(Ctx, Var->getEndLoc());
    if (End.isInvalid())
      return none("its declaration is not a plain statement", Var->getLocation());

    std::string Params, Names, Name = Var->getNameAsString();
    std::string Local = perRequestName(Class, Var);
    parameters(Setter, Params, Names);
    std::string Static = Var->getStorageClass() == SC_Static ? "static " : "";
    // The comment that described the variable now describes the factory.
    llvm::StringRef Comment = trailingComment(SM, End);
    std::string Factory = (Comment.empty() ? "" : Comment.ltrim(" \t").str() + "\n") + Static +
                          Type + " " + FactoryName + "(" + Params + ") {\n  " + Type + " " + Local +
                          ";\n  " + Local + "." + Setter->getNameAsString() + "(" + Names +
                          ");\n  return " + Local + ";\n}";
    PerRequestFix Fix;
    Fix.Edits.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(Var->getOuterLocStart(),
                                      End.getLocWithOffset(Comment.size())),
        Factory));
    SourceLocation Stop;
    if (!replaceSetterCalls(
            Calls,
            [&](const std::string &Args) {
              return "auto " + Local + " = " + FactoryName + "(" + Args + ")";
            },
            Fix.Edits, Stop) ||
        !renameLaterUses(Name, Local, Fix.Edits, Stop))
      return none("a handler passes it arguments written through a macro", Stop);
    Fix.Explanation = "build a per-request '" + Class->getNameAsString() +
                      "' in each handler, with a new factory '" + FactoryName +
                      "', instead of sharing '" + Name + "'";
    Fix.Location = Var->getLocation();
    return Fix;
  }

  PerRequestFix constructor(const VarDecl *Var, const CXXRecordDecl *Class,
                            const CXXMethodDecl *Setter,
                            llvm::ArrayRef<const CXXMemberCallExpr *> Calls) {
    if (!isInMainFile(Ctx, Class->getLocation()) || Class->getLocation().isMacroID() ||
        Class->isTemplated())
      return none("'" + Class->getNameAsString() + "' is defined elsewhere", Class->getLocation());
    if (llvm::any_of(Class->ctors(), [](const CXXConstructorDecl *C) { return !C->isImplicit(); }))
      return none("'" + Class->getNameAsString() + "' already has constructors",
                  Class->getLocation());
    const CXXMethodDecl *InClass = Setter->getCanonicalDecl();
    if (InClass->getLexicalDeclContext() != Class || InClass->getEndLoc().isMacroID())
      return none("'" + Setter->getNameAsString() + "' is not declared in the class",
                  InClass->getLocation());
    SourceLocation After =
        InClass->doesThisDeclarationHaveABody()
            ? Lexer::getLocForEndOfToken(InClass->getEndLoc(), 0, SM, Ctx.getLangOpts())
            : afterSemicolon(Ctx, InClass->getEndLoc());
    SourceLocation End = afterSemicolon(Ctx, Var->getEndLoc());
    if (After.isInvalid() || End.isInvalid())
      return none("its declaration is not a plain statement", Var->getLocation());

    std::string ClassName = Class->getNameAsString(), Name = Var->getNameAsString();
    std::string Local = perRequestName(Class, Var);
    std::string Params, Names;
    parameters(Setter, Params, Names);
    std::string Explicit = Setter->getNumParams() == 1 ? "explicit " : "";
    PerRequestFix Fix;
    Fix.Edits.push_back(FixItHint::CreateInsertion(
        After, "\n  " + ClassName + "() = default;\n  " + Explicit + ClassName + "(" + Params +
                   ") { " + Setter->getNameAsString() + "(" + Names + "); }"));
    // The variable goes, and with it the comment that described it.
    Fix.Edits.push_back(FixItHint::CreateRemoval(CharSourceRange::getCharRange(
        Var->getOuterLocStart(), End.getLocWithOffset(trailingComment(SM, End).size()))));
    SourceLocation Stop;
    if (!replaceSetterCalls(
            Calls,
            [&](const std::string &Args) {
              return ClassName + " " + Local + (Args.empty() ? "" : "(" + Args + ")");
            },
            Fix.Edits, Stop) ||
        !renameLaterUses(Name, Local, Fix.Edits, Stop))
      return none("a handler passes it arguments written through a macro", Stop);
    Fix.Explanation = "make '" + ClassName + "' per request: a new constructor takes what '" +
                      Setter->getNameAsString() + "' stores, and each handler builds its own '" +
                      Local + "'";
    Fix.Location = Var->getLocation();
    return Fix;
  }

  const RequestScopeModel &Model;
  const ASTContext &Ctx;
  const SourceManager &SM;
  const SharedObject &Object;
  PerRequestForm Form;
  /// The handlers' mentions of the variable after their setter calls.
  std::vector<const DeclRefExpr *> LaterUses;
};

} // namespace

PerRequestFix planPerRequestFix(const RequestScopeModel &Model, const SharedObject &Object,
                                PerRequestForm Form) {
  return Planner(Model, Object, Form).plan();
}

} // namespace clang::statescope

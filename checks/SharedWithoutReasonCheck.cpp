//===--- SharedWithoutReasonCheck.cpp - statescope ------------------------===//

#include "SharedWithoutReasonCheck.h"
#include "ASTFacts.h"
#include "model/SharedOnPurpose.h"

#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::statescope {

namespace {
/// A marker of state shared on purpose that does not say why.
struct UnexplainedMarker {
  SourceLocation Location;
  std::string Marked; ///< The declaration's name, or empty for a comment alone.
};

/// The main file's markers without a reason: comments anywhere in its text,
/// and annotations on its declarations.
std::vector<UnexplainedMarker> unexplainedMarkers(ASTContext &Ctx) {
  using clang::statescope::SharedMarkerComment;
  std::vector<UnexplainedMarker> Result;
  const SourceManager &SM = Ctx.getSourceManager();
  FileID Main = SM.getMainFileID();
  StringRef Buffer = SM.getBufferData(Main);
  for (size_t At = Buffer.find(SharedMarkerComment); At != StringRef::npos;
       At = Buffer.find(SharedMarkerComment, At + 1))
    if (clang::statescope::reasonAfterMarker(Buffer.drop_front(At + SharedMarkerComment.size()))
            .empty())
      Result.push_back({SM.getComposedLoc(Main, At), ""});

  struct Collector : RecursiveASTVisitor<Collector> {
    explicit Collector(const ASTContext &Ctx) : Ctx(Ctx) {}
    bool TraverseDecl(Decl *D) {
      if (D && !isa<TranslationUnitDecl>(D) && D->getLexicalDeclContext()->isFileContext() &&
          !clang::statescope::isInMainFile(Ctx, D->getLocation()))
        return true;
      return RecursiveASTVisitor::TraverseDecl(D);
    }
    bool VisitNamedDecl(NamedDecl *D) {
      for (const auto *Attr : D->specific_attrs<AnnotateAttr>())
        if (std::optional<std::string> Reason = clang::statescope::annotationReason(Attr);
            Reason && Reason->empty())
          Found.push_back({Attr->getLocation(), D->getNameAsString()});
      return true;
    }
    const ASTContext &Ctx;
    std::vector<UnexplainedMarker> Found;
  } C(Ctx);
  C.TraverseAST(Ctx);
  llvm::append_range(Result, C.Found);
  return Result;
}
} // namespace

void SharedWithoutReasonCheck::checkModel(const RequestScopeModel &Model) {
  for (const UnexplainedMarker &Marker : unexplainedMarkers(Model.context())) {
    if (Marker.Marked.empty())
      diag(Marker.Location, "shared-state marker without a reason; write why "
                            "the state is safe to share after it "
                            "('statescope: shared - <reason>')");
    else
      diag(Marker.Location, "'%0' is marked as shared on purpose without a "
                            "reason; give the reason as the annotation's "
                            "second argument")
          << Marker.Marked;
  }
}

} // namespace clang::tidy::statescope

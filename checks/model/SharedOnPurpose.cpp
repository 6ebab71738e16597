//===--- SharedOnPurpose.cpp - markers of state shared on purpose ---------===//

#include "model/SharedOnPurpose.h"

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

namespace clang::statescope {

namespace {
constexpr llvm::StringLiteral MarkerAnnotation = "statescope::shared";

std::optional<std::string> markerOnLine(const SourceManager &SM, FileID File, unsigned Line) {
  if (Line == 0)
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  SourceLocation Start = SM.translateLineCol(File, Line, 1);
  if (Invalid || Start.isInvalid() || SM.getFileID(Start) != File)
    return std::nullopt;
  llvm::StringRef Text = Buffer.drop_front(SM.getFileOffset(Start));
  Text = Text.take_until([](char C) { return C == '\n'; });
  size_t At = Text.find(SharedMarkerComment);
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  return reasonAfterMarker(Text.drop_front(At + SharedMarkerComment.size())).str();
}
} // namespace

llvm::StringRef reasonAfterMarker(llvm::StringRef Text) {
  Text = Text.ltrim(" \t");
  while (!Text.empty() && (Text.front() == '-' || Text.front() == ':' || Text.front() == ' ' ||
                           Text.front() == '\t'))
    Text = Text.drop_front();
  return Text.take_until([](char C) { return C == '\n' || C == '\r'; }).rtrim(" \t*/");
}

std::optional<std::string> annotationReason(const AnnotateAttr *Attr) {
  if (Attr->getAnnotation() != MarkerAnnotation)
    return std::nullopt;
  for (const Expr *Arg : Attr->args())
    if (const auto *Lit = dyn_cast<StringLiteral>(Arg->IgnoreParenImpCasts());
        Lit && Lit->getCharByteWidth() == 1)
      return Lit->getString().trim().str();
  return std::string();
}

std::optional<std::string> sharedOnPurposeReason(const Decl *D, const ASTContext &Ctx) {
  for (const Decl *Redecl : D->redecls())
    for (const auto *Attr : Redecl->specific_attrs<AnnotateAttr>())
      if (std::optional<std::string> Reason = annotationReason(Attr))
        return Reason;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Decl *Redecl : D->redecls()) {
    SourceLocation Begin = SM.getExpansionLoc(Redecl->getBeginLoc());
    SourceLocation End = SM.getExpansionLoc(Redecl->getEndLoc());
    if (Begin.isInvalid())
      continue;
    FileID File = SM.getFileID(Begin);
    unsigned First = SM.getSpellingLineNumber(Begin);
    unsigned Last =
        End.isValid() && SM.getFileID(End) == File ? SM.getSpellingLineNumber(End) : First;
    // The line above, and the lines of the declaration (a trailing comment
    // after its semicolon is on its last line).
    for (unsigned Line = First - 1; Line <= Last && Line <= First + 1; ++Line)
      if (std::optional<std::string> Reason = markerOnLine(SM, File, Line))
        return Reason;
    if (Last > First + 1)
      if (std::optional<std::string> Reason = markerOnLine(SM, File, Last))
        return Reason;
  }
  return std::nullopt;
}

} // namespace clang::statescope

//===--- NoLint.cpp - NOLINT comments at the parts of a finding -----------===//

#include "NoLint.h"

#include "clang-tidy/GlobList.h"

namespace clang::tidy::statescope {

namespace {

/// The directive that starts at Text (just past "NOLINT"): its kind suffix
/// ("", "NEXTLINE", "BEGIN", "END") and whether it applies to CheckName.
struct Directive {
  llvm::StringRef Kind;
  bool Applies = false;
};

Directive readDirective(llvm::StringRef Text, llvm::StringRef CheckName) {
  Directive D;
  for (llvm::StringRef Kind : {"NEXTLINE", "BEGIN", "END"})
    if (Text.starts_with(Kind)) {
      D.Kind = Kind;
      Text = Text.drop_front(Kind.size());
      break;
    }
  if (!Text.starts_with("(")) {
    D.Applies = true; // No list: every check.
    return D;
  }
  size_t Close = Text.find(')');
  if (Close == llvm::StringRef::npos)
    return D; // clang-tidy ignores an unclosed list too.
  GlobList Checks(Text.slice(1, Close), /*KeepNegativeGlobs=*/false);
  D.Applies = Checks.contains(CheckName);
  return D;
}

/// Calls Visit for each directive in Text, in order.
template <typename Fn> void forEachDirective(llvm::StringRef Text, Fn Visit) {
  for (size_t At = Text.find("NOLINT"); At != llvm::StringRef::npos;
       At = Text.find("NOLINT", At + 1))
    Visit(Text.drop_front(At + 6));
}

} // namespace

bool isSuppressedByNoLint(const SourceManager &SM, SourceLocation Loc, llvm::StringRef CheckName) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return false;
  size_t LineStart = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buffer.find('\n', Offset);
  llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
  llvm::StringRef Before = Buffer.take_front(LineStart);

  bool Suppressed = false;
  forEachDirective(Line, [&](llvm::StringRef Text) {
    Directive D = readDirective(Text, CheckName);
    Suppressed |= D.Kind.empty() && D.Applies;
  });
  if (Suppressed)
    return true;
  llvm::StringRef Previous = Before.drop_back(Before.ends_with("\n") ? 1 : 0);
  Previous = Previous.drop_front(
      Previous.rfind('\n') == llvm::StringRef::npos ? 0 : Previous.rfind('\n') + 1);
  forEachDirective(Previous, [&](llvm::StringRef Text) {
    Directive D = readDirective(Text, CheckName);
    Suppressed |= D.Kind == "NEXTLINE" && D.Applies;
  });
  if (Suppressed)
    return true;
  // Blocks opened before this line and not yet closed.
  unsigned Open = 0;
  forEachDirective(Before, [&](llvm::StringRef Text) {
    Directive D = readDirective(Text, CheckName);
    if (D.Kind == "BEGIN" && D.Applies)
      ++Open;
    else if (D.Kind == "END" && D.Applies && Open)
      --Open;
  });
  return Open > 0;
}

} // namespace clang::tidy::statescope

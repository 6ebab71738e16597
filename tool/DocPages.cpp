//===--- DocPages.cpp - the check pages built into the binary -------------===//

#include "DocPages.h"

#include "llvm/ADT/StringExtras.h"

namespace statescope {

namespace {

const DocPage Pages[] = {
#include "DocPages.inc"
};

} // namespace

std::string DocPage::summary() const {
  // The paragraph after the "# statescope-..." title.
  llvm::StringRef Rest = Markdown.split('\n').second.ltrim();
  llvm::StringRef Paragraph = Rest.take_front(Rest.find("\n\n"));
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Paragraph.split(Lines, '\n');
  for (llvm::StringRef &Line : Lines)
    Line = Line.trim();
  return llvm::join(Lines, " ");
}

llvm::ArrayRef<DocPage> docPages() { return Pages; }

const DocPage *findDocPage(llvm::StringRef Check) {
  for (const DocPage &Page : Pages)
    if (Page.Check == Check || Page.Check == ("statescope-" + Check).str())
      return &Page;
  return nullptr;
}

} // namespace statescope

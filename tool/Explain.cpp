//===--- Explain.cpp - statescope explain: a check's page for the reader -===//

#include "Explain.h"
#include "DocPages.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

namespace statescope {

namespace {

constexpr const char *Usage = R"(usage: statescope explain [--markdown] [--color|--no-color] CHECK

Prints the page of a check: what it finds, why that is a bug, an example and
what to write instead. CHECK may be given with or without its statescope-
prefix. The page is rendered for a terminal, coloured when stdout is one;
--markdown prints it as written (docs/checks/CHECK.md).
)";

/// Where a link of a check page points, for a reader without the docs
/// beside them: another check's page is an explain away; the other pages
/// are in the repository's docs/.
std::string linkTarget(llvm::StringRef Target) {
  if (Target.starts_with("http://") || Target.starts_with("https://"))
    return Target.str();
  llvm::StringRef File = Target.split('#').first;
  if (File.empty())
    return "";
  if (File.consume_front("../"))
    return "docs/" + File.str() + " in statescope's repository";
  return "statescope explain " + llvm::sys::path::stem(File).str();
}

/// Inline markdown: `code` and [text](target).
void renderInline(llvm::raw_ostream &OS, llvm::StringRef Line, bool Color) {
  while (!Line.empty()) {
    size_t Special = Line.find_first_of("`[");
    OS << Line.take_front(Special);
    if (Special == llvm::StringRef::npos)
      return;
    Line = Line.drop_front(Special);
    if (Line.front() == '`') {
      size_t Close = Line.find('`', 1);
      if (Close == llvm::StringRef::npos) {
        OS << Line;
        return;
      }
      llvm::StringRef Code = Line.slice(1, Close);
      if (Color)
        OS.changeColor(llvm::raw_ostream::CYAN);
      OS << (Color ? Code : Line.take_front(Close + 1));
      if (Color)
        OS.resetColor();
      Line = Line.drop_front(Close + 1);
      continue;
    }
    // [text](target); a bracket that is not a link is text.
    size_t TextEnd = Line.find("](");
    size_t TargetEnd = TextEnd == llvm::StringRef::npos ? TextEnd : Line.find(')', TextEnd);
    if (TargetEnd == llvm::StringRef::npos || Line.slice(1, TextEnd).contains('[')) {
      OS << '[';
      Line = Line.drop_front();
      continue;
    }
    llvm::StringRef Text = Line.slice(1, TextEnd);
    std::string Target = linkTarget(Line.slice(TextEnd + 2, TargetEnd));
    renderInline(OS, Text, Color);
    if (!Target.empty())
      OS << " (" << Target << ")";
    Line = Line.drop_front(TargetEnd + 1);
  }
}

/// The check nearest to Name: one whose name contains it, else the one
/// fewest edits away, if that is close enough to be what was meant.
const DocPage *nearestPage(llvm::StringRef Name) {
  Name.consume_front("statescope-");
  const DocPage *Best = nullptr;
  unsigned BestDistance = ~0u;
  for (const DocPage &Page : docPages()) {
    llvm::StringRef Short = Page.Check.drop_front(llvm::StringRef("statescope-").size());
    if (!Name.empty() && Short.contains_insensitive(Name))
      return &Page;
    unsigned Distance = Short.edit_distance_insensitive(Name);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = &Page;
    }
  }
  return BestDistance <= std::max<size_t>(2, Name.size() / 3) ? Best : nullptr;
}

std::string checkList() {
  std::string List;
  for (const DocPage &Page : docPages())
    List += "  " + Page.Check.str() + "  " + Page.summary() + "\n";
  return List;
}

} // namespace

std::string renderMarkdown(llvm::StringRef Markdown, bool Color) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS.enable_colors(Color);
  bool InCode = false;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Markdown.split(Lines, '\n');
  if (!Lines.empty() && Lines.back().empty())
    Lines.pop_back();
  for (llvm::StringRef Line : Lines) {
    if (Line.starts_with("```")) {
      InCode = !InCode;
      continue;
    }
    if (InCode) {
      if (Color)
        OS.changeColor(llvm::raw_ostream::GREEN);
      OS << "    " << Line;
      if (Color)
        OS.resetColor();
      OS << '\n';
      continue;
    }
    llvm::StringRef Heading = Line;
    size_t Level = 0;
    while (Heading.consume_front("#"))
      ++Level;
    if (Level && Heading.consume_front(" ")) {
      if (Color)
        OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
      renderInline(OS, Heading, /*Color=*/false);
      if (Color)
        OS.resetColor();
      OS << '\n' << std::string(Heading.size(), Level == 1 ? '=' : '-') << '\n';
      continue;
    }
    renderInline(OS, Line, Color);
    OS << '\n';
  }
  return Text;
}

int explainCommand(llvm::ArrayRef<const char *> Args, llvm::raw_ostream &Out,
                   llvm::raw_ostream &Err, bool Color) {
  bool Markdown = false;
  std::vector<llvm::StringRef> Names;
  for (llvm::StringRef Arg : Args) {
    if (Arg == "--help" || Arg == "-help" || Arg == "-h") {
      Out << Usage << "\nThe checks:\n" << checkList();
      return 0;
    }
    if (Arg == "--markdown")
      Markdown = true;
    else if (Arg == "--color" || Arg == "--no-color")
      Color = Arg == "--color";
    else if (!Arg.starts_with("-"))
      Names.push_back(Arg);
    else {
      llvm::WithColor::error(Err, "statescope")
          << "explain does not take '" << Arg << "' (see statescope explain --help)\n";
      return 2;
    }
  }
  if (Names.empty()) {
    Out << "The checks (statescope explain CHECK prints one's page):\n" << checkList();
    return 0;
  }
  if (Names.size() > 1) {
    llvm::WithColor::error(Err, "statescope")
        << "explain takes one check, not " << Names.size() << "\n";
    return 2;
  }
  const DocPage *Page = findDocPage(Names.front());
  if (!Page) {
    llvm::raw_ostream &Error = llvm::WithColor::error(Err, "statescope");
    Error << "no check named '" << Names.front() << "'";
    if (const DocPage *Near = nearestPage(Names.front()))
      Error << "; did you mean '" << Near->Check << "'?";
    Error << " The checks are:\n" << checkList();
    return 2;
  }
  Out << (Markdown ? Page->Markdown.str() : renderMarkdown(Page->Markdown, Color));
  return 0;
}

} // namespace statescope

//===--- FixDiff.cpp - the fix-its as a unified diff ----------------------===//
//
// The hunks come from the replacements themselves, not from comparing whole
// files: the lines a replacement touches are the changed lines, so the diff
// is exact and costs nothing on a large file with one small fix.
//
//===----------------------------------------------------------------------===//

#include "FixDiff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

namespace statescope {

namespace {

constexpr unsigned Context = 3;

/// Lines of a text, each with its end-of-line when it has one.
std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

void printLine(llvm::raw_ostream &OS, char Prefix, llvm::StringRef Line) {
  OS << Prefix << Line;
  if (!Line.ends_with("\n"))
    OS << "\n\\ No newline at end of file\n";
}

/// The old lines First..Last (0-based, inclusive) and what they become.
struct Change {
  size_t First, Last;
  std::vector<Replacement> Edits;
};

} // namespace

void writeFileDiff(llvm::raw_ostream &OS, llvm::StringRef Name, llvm::StringRef Old,
                   const std::vector<Replacement> &Sorted) {
  std::vector<llvm::StringRef> OldLines = splitLines(Old);
  std::vector<size_t> Starts;
  for (llvm::StringRef L : OldLines)
    Starts.push_back(L.data() - Old.data());
  auto LineOf = [&](size_t Offset) -> size_t {
    if (Starts.empty())
      return 0;
    return std::upper_bound(Starts.begin(), Starts.end(), Offset) - Starts.begin() - 1;
  };

  // Replacements that touch a common line make one change.
  std::vector<Change> Changes;
  for (const Replacement &R : Sorted) {
    size_t First = LineOf(R.Offset);
    size_t Last = R.Length ? LineOf(R.Offset + R.Length - 1) : First;
    if (!Changes.empty() && First <= Changes.back().Last) {
      Changes.back().Last = std::max(Changes.back().Last, Last);
      Changes.back().Edits.push_back(R);
    } else {
      Changes.push_back({First, Last, {R}});
    }
  }

  OS << "--- a/" << Name << "\n+++ b/" << Name << '\n';
  long Shift = 0; // new lines minus old lines in the hunks before
  for (size_t C = 0; C < Changes.size();) {
    // Changes whose context would touch make one hunk.
    size_t End = C + 1;
    while (End < Changes.size() && Changes[End].First - Changes[End - 1].Last - 1 <= 2 * Context)
      ++End;
    size_t From = Changes[C].First >= Context ? Changes[C].First - Context : 0;
    size_t To = std::min(OldLines.size(), Changes[End - 1].Last + 1 + Context);
    std::string Body;
    llvm::raw_string_ostream Hunk(Body);
    size_t OldCount = 0, NewCount = 0;
    size_t Line = From;
    for (size_t K = C; K < End; ++K) {
      const Change &Ch = Changes[K];
      for (; Line < Ch.First; ++Line, ++OldCount, ++NewCount)
        printLine(Hunk, ' ', OldLines[Line]);
      size_t Begin = Starts.empty() ? 0 : Starts[Ch.First];
      size_t Stop = Ch.Last + 1 < Starts.size() ? Starts[Ch.Last + 1] : Old.size();
      std::vector<Replacement> Local = Ch.Edits;
      for (Replacement &R : Local)
        R.Offset -= Begin;
      // Sorted replacements that applied to the whole file apply here.
      std::string New = llvm::cantFail(applyReplacements(Old.slice(Begin, Stop), Local));
      for (; Line <= Ch.Last && Line < OldLines.size(); ++Line, ++OldCount)
        printLine(Hunk, '-', OldLines[Line]);
      for (llvm::StringRef L : splitLines(New)) {
        printLine(Hunk, '+', L);
        ++NewCount;
      }
    }
    for (; Line < To; ++Line, ++OldCount, ++NewCount)
      printLine(Hunk, ' ', OldLines[Line]);
    // A hunk with no old (or new) lines names the line before it.
    size_t OldStart = OldCount ? From + 1 : From;
    long NewStart = static_cast<long>(From) + Shift + (NewCount ? 1 : 0);
    OS << llvm::formatv("@@ -{0},{1} +{2},{3} @@\n", OldStart, OldCount, NewStart, NewCount)
       << Body;
    Shift += static_cast<long>(NewCount) - static_cast<long>(OldCount);
    C = End;
  }
}

std::vector<std::string> writeFixDiff(llvm::raw_ostream &OS, const Report &R, FixScope Scope) {
  std::vector<std::string> Problems;
  for (const auto &[File, Edits] : chosenFixes(R, Scope)) {
    // A merged report may name anything; /dev/zero would never end.
    if (!llvm::sys::fs::is_regular_file(File)) {
      Problems.push_back(File + ": no diff: not a regular file");
      continue;
    }
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Problems.push_back(File + ": no diff: " + Buffer.getError().message());
      continue;
    }
    llvm::StringRef Old = (*Buffer)->getBuffer();
    if (auto Fixed = applyReplacements(Old, Edits); !Fixed) {
      Problems.push_back(File + ": no diff: " + llvm::toString(Fixed.takeError()));
      continue;
    }
    writeFileDiff(OS, relativeTo(File, R.ProjectRoot), Old, Edits);
  }
  return Problems;
}

} // namespace statescope

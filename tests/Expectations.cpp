//===--- Expectations.cpp - fixtures with inline expected diagnostics -----===//

#include "Expectations.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <cstring>

namespace statescope::test {

namespace {

std::string substitute(llvm::StringRef Text, llvm::StringRef SourceDir, llvm::StringRef BuildDir) {
  std::string Result;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '%' && I + 1 < Text.size() && (Text[I + 1] == 'S' || Text[I + 1] == 'B')) {
      Result += Text[I + 1] == 'S' ? SourceDir : BuildDir;
      ++I;
    } else {
      Result += Text[I];
    }
  }
  return Result;
}

std::string normalize(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    return std::string(Real);
  return Path.str();
}

} // namespace

std::string Fixture::missingRequirement() const {
  for (const std::string &R : Requires)
    if (!llvm::sys::fs::exists(R))
      return R;
  return "";
}

llvm::Expected<Fixture> parseFixture(const std::string &Path, const std::string &BuildDir) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read " + Path);
  Fixture F;
  F.Path = normalize(Path);
  llvm::StringRef Dir = llvm::sys::path::parent_path(F.Path);

  static const llvm::Regex DirectiveHead(
      "^expected-(warning|note|error)(@([^ {]+))? *([0-9]*) *\\{\\{");
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (unsigned Index = 0; Index < Lines.size(); ++Index) {
    unsigned LineNo = Index + 1;
    llvm::StringRef Line = Lines[Index];
    size_t Comment = Line.find("//");
    if (Comment == llvm::StringRef::npos)
      continue;
    llvm::StringRef Text = Line.substr(Comment + 2).trim();
    if (Text.consume_front("CHECKS:")) {
      F.Checks = Text.trim().str();
      continue;
    }
    if (Text.consume_front("ARGS:")) {
      llvm::SmallVector<llvm::StringRef, 8> Args;
      Text.trim().split(Args, ' ', -1, false);
      for (llvm::StringRef A : Args)
        F.Args.push_back(substitute(A, Dir, BuildDir));
      continue;
    }
    if (Text.consume_front("CONFIG:")) {
      F.Config = Text.trim().str();
      continue;
    }
    if (Text.consume_front("FIX:")) {
      F.FixNotes = Text.trim() == "notes";
      continue;
    }
    if (Text.consume_front("REQUIRES:")) {
      F.Requires.push_back(substitute(Text.trim(), Dir, BuildDir));
      continue;
    }
    static const llvm::Regex Label("(^|[^A-Za-z])(LEAK|SAFE|ADVICE)([^A-Za-z]|$)");
    llvm::SmallVector<llvm::StringRef, 4> LabelMatch;
    if (Label.match(Text.split("expected-").first, &LabelMatch)) {
      llvm::StringRef Kind = LabelMatch[2];
      (Kind == "LEAK"   ? F.Truth.Leak
       : Kind == "SAFE" ? F.Truth.Safe
                        : F.Truth.Advice)
          .push_back(LineNo);
    }
    if (Text.contains("expected-no-diagnostics")) {
      F.NoDiagnostics = true;
      continue;
    }
    // Several expectations may share a line; each is one directive.
    llvm::StringRef Rest = Line.substr(Comment);
    for (size_t At = Rest.find("expected-"); At != llvm::StringRef::npos;
         At = Rest.find("expected-")) {
      Rest = Rest.substr(At);
      llvm::SmallVector<llvm::StringRef, 5> Match;
      if (!DirectiveHead.match(Rest, &Match)) {
        Rest = Rest.drop_front(strlen("expected-"));
        continue;
      }
      llvm::StringRef Open = Rest.substr(Match[0].size());
      size_t Close = Open.find("}}");
      if (Close == llvm::StringRef::npos)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       Path + ":" + std::to_string(LineNo) +
                                           ": expectation without closing }}");
      Rest = Open.substr(Close + 2);

      Expectation E;
      E.Level = Match[1].str();
      E.Text = Open.substr(0, Close).str();
      E.File = F.Path;
      E.Line = LineNo;
      E.WrittenAt = LineNo;
      llvm::StringRef Where = Match[3];
      auto BadLocation = [&] {
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       Path + ":" + std::to_string(LineNo) + ": bad location '" +
                                           Where.str() + "'");
      };
      if (Where.empty()) {
        // On this line.
      } else if (Where[0] == '+' || Where[0] == '-') {
        unsigned Offset = 0;
        if (Where.drop_front().getAsInteger(10, Offset))
          return BadLocation();
        E.Line = Where[0] == '+' ? LineNo + Offset : LineNo - Offset;
      } else if (auto [File, Num] = Where.rsplit(':'); !Num.empty()) {
        if (Num.getAsInteger(10, E.Line))
          return BadLocation();
        llvm::SmallString<256> Full(Dir);
        llvm::sys::path::append(Full, File);
        E.File = normalize(Full);
      } else if (Where.getAsInteger(10, E.Line)) {
        return BadLocation();
      }
      // "expected-note 2 {{...}}": the same diagnostic that many times.
      unsigned Count = 1;
      if (!Match[4].empty() && Match[4].getAsInteger(10, Count))
        return BadLocation();
      F.Expectations.insert(F.Expectations.end(), Count, E);
    }
  }
  if (F.NoDiagnostics && !F.Expectations.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ": expected-no-diagnostics with expectations");
  if (!F.NoDiagnostics && F.Expectations.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ": no expectations; add expected-no-diagnostics");
  return F;
}

std::vector<std::string> compare(const Fixture &F, const std::vector<Diagnostic> &Actual) {
  std::vector<std::string> Problems;
  std::vector<bool> Met(F.Expectations.size(), false);
  for (const Diagnostic &D : Actual) {
    std::string File = normalize(D.File);
    bool Found = false;
    for (size_t I = 0; I < F.Expectations.size(); ++I) {
      const Expectation &E = F.Expectations[I];
      if (Met[I] || E.Level != D.Level || E.Line != D.Line || E.File != File ||
          D.Message.find(E.Text) == std::string::npos)
        continue;
      Met[I] = true;
      Found = true;
      break;
    }
    if (!Found)
      Problems.push_back("unexpected " + D.Level + " at " + File + ":" + std::to_string(D.Line) +
                         ": " + D.Message + (D.Check.empty() ? "" : " [" + D.Check + "]"));
  }
  for (size_t I = 0; I < F.Expectations.size(); ++I)
    if (!Met[I]) {
      const Expectation &E = F.Expectations[I];
      Problems.push_back("expected " + E.Level + " not seen at " + E.File + ":" +
                         std::to_string(E.Line) + " (stated on line " +
                         std::to_string(E.WrittenAt) + "): " + E.Text);
    }
  return Problems;
}

std::vector<Diagnostic> parseClangOutput(const std::string &Output) {
  static const llvm::Regex Line("^(.+):([0-9]+):([0-9]+): (warning|note|error): (.*)$");
  static const llvm::Regex CheckSuffix(" \\[([a-z0-9,.-]+)\\]$");
  std::vector<Diagnostic> Result;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Output).split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    llvm::SmallVector<llvm::StringRef, 6> M;
    if (!Line.match(L.rtrim("\r"), &M))
      continue;
    Diagnostic D;
    D.File = M[1].str();
    M[2].getAsInteger(10, D.Line);
    D.Level = M[4].str();
    std::string Message = M[5].str();
    llvm::SmallVector<llvm::StringRef, 2> C;
    if (CheckSuffix.match(Message, &C)) {
      D.Check = C[1].str();
      Message.resize(Message.size() - C[0].size());
    }
    D.Message = Message;
    Result.push_back(D);
  }
  return Result;
}

std::string fixtureTestName(llvm::StringRef Path, llvm::StringRef Root) {
  Path.consume_front(Root);
  Path.consume_back(".cpp");
  std::string Name;
  for (char C : Path)
    Name += llvm::isAlnum(C) ? C : '_';
  return Name;
}

std::vector<std::string> listFixtures(const std::string &Dir) {
  std::vector<std::string> Result;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (P.ends_with(".cpp") && !P.contains("/Inputs/"))
      Result.push_back(P.str());
  }
  std::sort(Result.begin(), Result.end());
  return Result;
}

} // namespace statescope::test

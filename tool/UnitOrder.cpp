//===--- UnitOrder.cpp - the order in which the first pass takes the units ===//

#include "UnitOrder.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <cctype>
#include <numeric>

namespace statescope {

namespace {

/// A token of the text: an identifier or one punctuation character.
struct Token {
  llvm::StringRef Text;
  bool Identifier = false;
};

bool identifierStart(char C) { return std::isalpha(static_cast<unsigned char>(C)) || C == '_'; }
bool identifierChar(char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; }

/// Identifiers and punctuation, without comments, string and character
/// literals, numbers and preprocessor directives.
std::vector<Token> tokens(llvm::StringRef Text) {
  std::vector<Token> Result;
  bool LineStart = true;
  size_t I = 0, N = Text.size();
  while (I < N) {
    char C = Text[I];
    if (C == '\n') {
      LineStart = true;
      ++I;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(C))) {
      ++I;
      continue;
    }
    if (C == '#' && LineStart) {
      // To the end of the line, and of the lines it continues onto.
      while (I < N && Text[I] != '\n')
        I += Text[I] == '\\' && I + 1 < N ? 2 : 1;
      continue;
    }
    LineStart = false;
    if (Text.substr(I).starts_with("//")) {
      I = Text.find('\n', I);
      I = I == llvm::StringRef::npos ? N : I;
      continue;
    }
    if (Text.substr(I).starts_with("/*")) {
      I = Text.find("*/", I + 2);
      I = I == llvm::StringRef::npos ? N : I + 2;
      continue;
    }
    if (C == 'R' && Text.substr(I).starts_with("R\"")) {
      // A raw string: R"delim( ... )delim".
      size_t Open = Text.find('(', I);
      if (Open != llvm::StringRef::npos) {
        std::string Close = (")" + Text.slice(I + 2, Open) + "\"").str();
        size_t End = Text.find(Close, Open);
        I = End == llvm::StringRef::npos ? N : End + Close.size();
        continue;
      }
    }
    if (C == '"' || C == '\'') {
      for (++I; I < N && Text[I] != C && Text[I] != '\n'; ++I)
        if (Text[I] == '\\')
          ++I;
      ++I;
      continue;
    }
    if (identifierStart(C)) {
      size_t Start = I;
      while (I < N && identifierChar(Text[I]))
        ++I;
      Result.push_back({Text.slice(Start, I), true});
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(C))) {
      while (I < N && (identifierChar(Text[I]) || Text[I] == '.' || Text[I] == '\''))
        ++I;
      continue;
    }
    Result.push_back({Text.substr(I, 1), false});
    ++I;
  }
  return Result;
}

bool isKeywordBeforeParen(llvm::StringRef Name) {
  static const llvm::StringSet<> Keywords = {
      "if",       "for",       "while",    "switch",        "catch",   "return",   "sizeof",
      "alignof",  "decltype",  "noexcept", "static_assert", "alignas", "typeid",   "throw",
      "co_await", "co_return", "co_yield", "operator",      "defined", "requires", "main"};
  return Keywords.contains(Name);
}

/// What may stand between a function's parameters and its body.
bool isQualifier(const Token &T) {
  static const llvm::StringSet<> Words = {"const",    "noexcept", "override", "final",
                                          "volatile", "mutable",  "try"};
  return (T.Identifier && Words.contains(T.Text)) || T.Text == "&";
}

} // namespace

NamesInText namesInText(llvm::StringRef Text) {
  NamesInText Result;
  std::vector<Token> Tokens = tokens(Text);
  for (size_t I = 0; I + 1 < Tokens.size(); ++I) {
    if (!Tokens[I].Identifier || Tokens[I + 1].Text != "(" || isKeywordBeforeParen(Tokens[I].Text))
      continue;
    // The matching parenthesis, then qualifiers.
    size_t J = I + 2;
    for (int Depth = 1; J < Tokens.size() && Depth > 0; ++J)
      Depth += Tokens[J].Text == "(" ? 1 : Tokens[J].Text == ")" ? -1 : 0;
    while (J < Tokens.size() && isQualifier(Tokens[J]))
      ++J;
    // A member initialiser (`: size_(n) {`, `, user_(u) {`) is not a
    // definition, though a body may follow it.
    bool Initialiser =
        I > 0 && (Tokens[I - 1].Text == "," ||
                  (Tokens[I - 1].Text == ":" && (I < 2 || Tokens[I - 2].Text != ":")));
    bool Body =
        !Initialiser && J < Tokens.size() && (Tokens[J].Text == "{" || Tokens[J].Text == ":");
    (Body ? Result.Defined : Result.Called).insert(Tokens[I].Text.str());
  }
  return Result;
}

std::vector<size_t> analysisOrder(const std::vector<std::string> &Files) {
  std::vector<NamesInText> Names(Files.size());
  llvm::StringMap<std::vector<size_t>> DefinedIn;
  for (size_t I = 0; I < Files.size(); ++I) {
    if (auto Text = llvm::MemoryBuffer::getFile(Files[I]))
      Names[I] = namesInText((*Text)->getBuffer());
    for (const std::string &Name : Names[I].Defined)
      DefinedIn[Name].push_back(I);
  }
  // Links both ways: the caller needs the definer's facts, the definer the
  // caller's.
  std::vector<std::set<size_t>> Linked(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    for (const std::string &Name : Names[I].Called)
      if (auto It = DefinedIn.find(Name); It != DefinedIn.end())
        for (size_t J : It->second)
          if (J != I) {
            Linked[I].insert(J);
            Linked[J].insert(I);
          }
  std::vector<size_t> Order(Files.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return Linked[A].size() != Linked[B].size() ? Linked[A].size() > Linked[B].size() : A < B;
  });
  return Order;
}

} // namespace statescope

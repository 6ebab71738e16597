//===--- CompileFlags.cpp - compile commands as a clang-based tool needs them ===//

#include "CompileFlags.h"

#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Option/Option.h"

namespace statescope {

bool flagMatches(llvm::StringRef Pattern, llvm::StringRef Word, llvm::StringRef Spelling) {
  if (Pattern.consume_back("*"))
    return Word.starts_with(Pattern);
  return Word == Pattern || Spelling == Pattern || Spelling == Pattern.str() + "=";
}

std::vector<std::string> cleanCompileCommand(llvm::ArrayRef<std::string> Command,
                                             llvm::ArrayRef<std::string> Remove) {
  if (Command.empty())
    return {};
  std::vector<const char *> Words;
  for (const std::string &Word : Command)
    Words.push_back(Word.c_str());
  // The driver's own table says which words are options, and how many
  // words each takes, as clangd's CommandMangler reads it.
  bool ClangCL = clang::driver::IsClangCL(
      clang::driver::getDriverMode(Words.front(), llvm::ArrayRef(Words).drop_front()));
  unsigned MissingIndex, MissingCount;
  llvm::opt::InputArgList Args = clang::driver::getDriverOptTable().ParseArgs(
      llvm::ArrayRef(Words).drop_front(), MissingIndex, MissingCount,
      llvm::opt::Visibility(ClangCL ? clang::driver::options::CLOption
                                    : clang::driver::options::ClangOption));

  // Indices in Args are of Words without the compiler; each argument spans
  // the words up to the next one's.
  std::vector<bool> Dropped(Words.size(), false);
  std::vector<const llvm::opt::Arg *> Parsed(Args.begin(), Args.end());
  for (size_t I = 0; I < Parsed.size(); ++I) {
    const llvm::opt::Arg &A = *Parsed[I];
    unsigned First = A.getIndex() + 1;
    unsigned End = I + 1 < Parsed.size() ? Parsed[I + 1]->getIndex() + 1 : Words.size();
    llvm::StringRef Word = Words[First];
    bool Unknown = A.getOption().getKind() == llvm::opt::Option::UnknownClass;
    bool Named = A.getOption().getKind() != llvm::opt::Option::InputClass &&
                 llvm::any_of(Remove, [&](const std::string &Pattern) {
                   return flagMatches(Pattern, Word, A.getSpelling());
                 });
    if (Unknown || Named)
      for (unsigned W = First; W < End && W < Words.size(); ++W)
        Dropped[W] = llvm::StringRef(Words[W]) != "--"; // The end of the options stays.
  }

  std::vector<std::string> Result;
  for (size_t W = 0; W < Command.size(); ++W)
    if (!Dropped[W])
      Result.push_back(Command[W]);
  // GCC's warning and optimisation flags are known to the driver (it
  // accepts any -W and many -f flags) and only warned about; the warnings
  // say nothing about the code.
  // They go before a `--`, after which every word is an input.
  auto Options = llvm::find(Result, "--");
  Result.insert(Options, {"-Wno-unknown-warning-option", "-Wno-ignored-optimization-argument"});
  return Result;
}

} // namespace statescope

//===--- ModelOptions.cpp - settings of the request-scope model -----------===//

#include "model/ModelOptions.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::statescope {

std::string ModelOptions::fingerprint() const {
  return HandlerFunctions + '\0' + HandlerRegistrations + '\0' + SetterNames + '\0' +
         std::to_string(MaxCallDepth) + '\0' + SafeTypes + '\0' + SharedClasses + '\0' +
         TestMacros + '\0' + SingleThreaded;
}

namespace {
/// A `;`-separated list is read as every clang-tidy option list is: items
/// trimmed, empty items dropped.
std::vector<llvm::Regex> compileList(llvm::StringRef List) {
  std::vector<llvm::Regex> Patterns;
  for (llvm::StringRef Pattern : tidy::utils::options::parseStringList(List))
    Patterns.emplace_back(Pattern);
  return Patterns;
}

bool matchesAny(const std::vector<llvm::Regex> &Patterns, llvm::StringRef Text) {
  return llvm::any_of(Patterns, [&](const llvm::Regex &Pattern) { return Pattern.match(Text); });
}
} // namespace

std::optional<std::string> ModelOptions::invalidPattern() const {
  std::pair<llvm::StringRef, llvm::StringRef> Lists[] = {
      {"HandlerFunctions", HandlerFunctions},
      {"HandlerRegistrations", HandlerRegistrations},
      {"SafeTypes", SafeTypes},
      {"SharedClasses", SharedClasses},
      {"TestMacros", TestMacros}};
  auto Check = [](llvm::StringRef Option, llvm::StringRef Pattern) -> std::optional<std::string> {
    std::string Error;
    if (llvm::Regex(Pattern).isValid(Error))
      return std::nullopt;
    return ("option '" + Option + "': '" + Pattern + "' is not a valid regular expression (" +
            Error + ")")
        .str();
  };
  for (const auto &[Option, List] : Lists)
    for (llvm::StringRef Pattern : tidy::utils::options::parseStringList(List))
      if (auto Error = Check(Option, Pattern))
        return Error;
  if (!llvm::is_contained({"true", "false", "auto"}, llvm::StringRef(SingleThreaded)))
    return "option 'SingleThreaded': '" + SingleThreaded + "' is not one of true, false, auto";
  // An empty SetterNames says that no name makes a member a store.
  if (llvm::StringRef(SetterNames).trim().empty())
    return std::nullopt;
  return Check("SetterNames", SetterNames);
}

OptionPatterns::OptionPatterns(const ModelOptions &Options)
    : Handlers(compileList(Options.HandlerFunctions)),
      Registrations(compileList(Options.HandlerRegistrations)),
      SafeTypes(compileList(Options.SafeTypes)), SharedClasses(compileList(Options.SharedClasses)),
      TestMacros(compileList(Options.TestMacros)), Setters(Options.SetterNames),
      HasSetterNames(!llvm::StringRef(Options.SetterNames).trim().empty()) {}

bool OptionPatterns::isHandlerName(llvm::StringRef QualifiedName) const {
  return matchesAny(Handlers, QualifiedName);
}
bool OptionPatterns::isRegistrationName(llvm::StringRef QualifiedName) const {
  return matchesAny(Registrations, QualifiedName);
}
bool OptionPatterns::isSafeTypeName(llvm::StringRef QualifiedName) const {
  return matchesAny(SafeTypes, QualifiedName);
}
bool OptionPatterns::isSharedClassName(llvm::StringRef QualifiedName) const {
  return matchesAny(SharedClasses, QualifiedName);
}
bool OptionPatterns::isTestMacroName(llvm::StringRef MacroName) const {
  return matchesAny(TestMacros, MacroName);
}
bool OptionPatterns::isSetterName(llvm::StringRef Name) const {
  return HasSetterNames && Setters.match(Name);
}

} // namespace clang::statescope

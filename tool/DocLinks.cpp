//===--- DocLinks.cpp - where a check's page can be opened ----------------===//

#include "DocLinks.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace statescope {

namespace {

/// A path as the path of a file:// URL: bytes other than unreserved ones
/// and '/' percent-encoded.
std::string encodePath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4);
      Out += llvm::hexdigit(C & 15);
    }
  }
  return Out;
}

/// A directory holding README.md and docs/checks, as a file:// URL.
std::string fileUrlIfDocs(llvm::StringRef Directory) {
  llvm::SmallString<256> Checks(Directory);
  llvm::sys::path::append(Checks, "docs", "checks");
  if (Directory.empty() || !llvm::sys::fs::is_directory(Checks))
    return "";
  llvm::SmallString<256> Absolute(Directory);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return normaliseDocBaseUrl("file://" + encodePath(Absolute));
}

} // namespace

std::string defaultDocBaseUrl() {
  // PREFIX/bin/statescope finds PREFIX/share/doc/statescope.
  std::string Executable = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Executable));
  llvm::sys::path::append(Installed, "..", "share", "doc", "statescope");
  std::string Url = fileUrlIfDocs(Installed);
  if (Url.empty())
    Url = fileUrlIfDocs(STATESCOPE_SOURCE_DIR);
  return Url;
}

std::string normaliseDocBaseUrl(llvm::StringRef Base) {
  if (Base.empty() || Base.ends_with("/"))
    return Base.str();
  return Base.str() + "/";
}

std::string checkPageUrl(llvm::StringRef Base, llvm::StringRef Check) {
  if (Base.empty())
    return "";
  Check.consume_front("statescope-");
  return normaliseDocBaseUrl(Base) + "docs/checks/" + Check.str() + ".md";
}

std::string readmeUrl(llvm::StringRef Base) {
  return Base.empty() ? "" : normaliseDocBaseUrl(Base) + "README.md";
}

} // namespace statescope

//===--- FuzzSupport.h - what the fuzz targets share ----------------------===//
//
// A scratch directory that lives as long as the fuzzing process, for the
// files an input becomes (a translation unit, a compile database, a
// .clang-tidy file), and a way to write them.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_FUZZ_FUZZSUPPORT_H
#define STATESCOPE_FUZZ_FUZZSUPPORT_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace statescope::fuzz {

class ScratchDir {
public:
  ScratchDir() {
    llvm::SmallString<128> P;
    if (llvm::sys::fs::createUniqueDirectory("statescope-fuzz", P))
      llvm::report_fatal_error("cannot create a scratch directory");
    llvm::SmallString<128> Real;
    llvm::sys::fs::real_path(P, Real);
    Path = std::string(Real);
  }
  ~ScratchDir() { llvm::sys::fs::remove_directories(Path); }

  std::string file(llvm::StringRef Name) const {
    llvm::SmallString<256> P(Path);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }

  /// Writes Text to Name in the directory and returns its path.
  std::string write(llvm::StringRef Name, llvm::StringRef Text) const {
    std::string File = file(Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    if (EC)
      llvm::report_fatal_error(llvm::Twine("cannot write ") + File + ": " + EC.message());
    OS << Text;
    return File;
  }

  std::string Path;
};

} // namespace statescope::fuzz

#endif // STATESCOPE_FUZZ_FUZZSUPPORT_H

//===--- Project.h - the compile database and the units to analyse -------===//
//
// Finds compile_commands.json the way clang-tidy users expect (-p, else the
// nearest one above the paths, else ./build), decides the project root that
// baselines and reports are relative to, and selects translation units by
// path and by shard.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_PROJECT_H
#define STATESCOPE_TOOL_PROJECT_H

#include "Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
} // namespace clang::tooling

namespace statescope {

struct Project {
  Project();
  Project(Project &&);
  ~Project();

  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// The directory holding compile_commands.json.
  std::string DatabaseDir;
  /// The git work tree that contains most of the database's files (not the
  /// build directory's), else the nearest common directory of the database
  /// and its files, unless given explicitly.
  std::string Root;
  /// Every file the database lists, sorted.
  std::vector<std::string> Files;
};

llvm::Expected<Project> loadProject(llvm::StringRef BuildPath, llvm::ArrayRef<std::string> Paths,
                                    llvm::StringRef Root);

/// The project's files under Paths (all of them without paths).
llvm::Expected<std::vector<std::string>> selectFiles(const Project &P,
                                                     llvm::ArrayRef<std::string> Paths);

/// Takes the files that cannot be read (gone, a directory, no permission)
/// out of Files, as units that could not be analysed, each with the reason:
/// a generated file listed before the build made it is that unit's
/// failure, as in clang-tidy, and the other units are analysed.
std::vector<UnitResult> takeUnreadable(const Project &P, std::vector<std::string> &Files);

/// Shard K of N (1-based) as --shard=K/N spells it.
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};
llvm::Expected<Shard> parseShard(llvm::StringRef Text);

/// The files of Files that belong to the shard: chosen by a hash of the path
/// relative to Root, so that every machine splits the same way.
std::vector<std::string> shardFiles(const std::vector<std::string> &Files, Shard S,
                                    llvm::StringRef Root);

} // namespace statescope

#endif // STATESCOPE_TOOL_PROJECT_H

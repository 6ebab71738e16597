//===--- CommandLine.h - the statescope command line's options ------------===//
//
// The options of every statescope command (analysis, merge, handlers), with
// their help and the overview `--help` prints, defined once in
// CommandLine.cpp and read by the commands in StatescopeMain.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_COMMANDLINE_H
#define STATESCOPE_TOOL_COMMANDLINE_H

#include "llvm/Support/CommandLine.h"
#include <string>

namespace statescope::cli {

enum ExitCode { Clean = 0, Findings = 1, BadUsage = 2, NotAnalysed = 3 };
enum class Format { Text, Json, Sarif, Github };

/// What `statescope --help` says before the options.
extern const char *const Overview;

extern llvm::cl::OptionCategory Category;
extern llvm::cl::opt<std::string> BuildPath;
extern llvm::cl::list<std::string> Paths;
extern llvm::cl::opt<std::string> Checks;
extern llvm::cl::opt<std::string> Config;
extern llvm::cl::opt<std::string> ConfigFile;
extern llvm::cl::opt<std::string> HeaderFilter;
extern llvm::cl::opt<std::string> ProjectRoot;
extern llvm::cl::opt<unsigned> Jobs;
extern llvm::cl::list<std::string> RemoveArgs;
extern llvm::cl::opt<std::string> ShardSpec;
extern llvm::cl::opt<std::string> CacheDir;
extern llvm::cl::opt<bool> NoCache;
extern llvm::cl::opt<bool> Profile;
extern llvm::cl::opt<bool> SkipLibraryBodies;
extern llvm::cl::opt<bool> WholeProgram;
extern llvm::cl::opt<bool> AnalyseAhead;
extern llvm::cl::opt<Format> OutputFormat;
extern llvm::cl::opt<std::string> OutputFile;
extern llvm::cl::opt<std::string> BaselineFile;
extern llvm::cl::opt<std::string> WriteBaselineFile;
extern llvm::cl::opt<bool> Quiet;
extern llvm::cl::opt<double> ProgressInterval;
extern llvm::cl::opt<bool> Statistics;
extern llvm::cl::opt<bool> ShowInterleaving;
extern llvm::cl::opt<std::string> DocBaseUrl;
extern llvm::cl::opt<bool> ListChecks;
extern llvm::cl::opt<bool> Fix;
extern llvm::cl::opt<bool> FixNotes;
extern llvm::cl::opt<bool> DiffFixes;
extern llvm::cl::opt<std::string> DiffBase;
extern llvm::cl::opt<bool> ExitZero;
extern llvm::cl::opt<bool> DumpConfig;
extern llvm::cl::opt<std::string> ExportFixes;

} // namespace statescope::cli

#endif // STATESCOPE_TOOL_COMMANDLINE_H

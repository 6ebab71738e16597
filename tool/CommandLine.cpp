//===--- CommandLine.cpp - the statescope command line's options ----------===//

#include "CommandLine.h"

using namespace llvm;

namespace statescope::cli {

const char *const Overview = R"(statescope finds per-request data kept in shared state

  statescope [options] [paths...]
      Analyses the translation units of a compile database (those under the
      paths, when given) and reports the findings.
  statescope explain [CHECK]
      Prints the documentation of a check (the list of checks without one).
  statescope merge [options] RESULTS...
      Combines the --format=json or --format=sarif results of several runs
      into one report. The JSON reports of --shard=K/N jobs carry their
      units' summaries: merge joins them into the report of one run,
      analysing again the few units whose cross-file facts the other shards
      change (that needs -p and the shards' options). Takes --format, -o,
      --baseline, --write-baseline, --export-fixes, --statistics,
      --show-interleaving, --doc-base-url, --quiet and, to analyse again,
      the options of an analysis.
  statescope handlers [options] [paths...]
      Lists, per unit, the request handlers statescope recognises and by
      which rule, the shared state their request path writes and why it is
      shared, and the functions that take a request but are not analysed,
      with the .clang-tidy options that would add them. Takes -p, --config,
      --config-file, --checks, --project-root, -j, --remove-arg,
      --format=text|json, -o and --quiet.

Exit codes: 0 no findings, 1 findings, 2 bad usage, configuration or internal
error, 3 some translation units could not be analysed.
)";

cl::OptionCategory Category("statescope options");

cl::opt<std::string> BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
                               cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string> Paths(cl::Positional, cl::desc("[paths...]"), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Check glob applied after .clang-tidy, e.g. "
                                     "'-*,statescope-mutable-static'"),
                            cl::value_desc("glob"), cl::cat(Category));
cl::opt<std::string> Config("config",
                            cl::desc("YAML configuration applied after .clang-tidy, "
                                     "as for clang-tidy"),
                            cl::value_desc("yaml"), cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file", cl::desc("Read the --config YAML from a file"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    HeaderFilter("header-filter",
                 cl::desc("Report findings in headers matching this regex (default: headers\n"
                          "under the project root, outside the build directory)"),
                 cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string>
    ProjectRoot("project-root",
                cl::desc("Directory that report paths and fingerprints are relative to\n"
                         "(default: the enclosing git work tree, else the common\n"
                         "directory of the compile database and its files)"),
                cl::value_desc("dir"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units analysed at once (default: all cores)"),
                       cl::value_desc("n"), cl::init(0), cl::Prefix, cl::cat(Category));
cl::list<std::string>
    RemoveArgs("remove-arg",
               cl::desc("Remove FLAG from every compile command (with its value;\n"
                        "FLAG* removes every flag starting with FLAG)"),
               cl::value_desc("flag"), cl::cat(Category));
cl::opt<std::string> ShardSpec("shard",
                               cl::desc("Analyse only shard K of N of the translation units"),
                               cl::value_desc("K/N"), cl::cat(Category));

cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Where unit results are kept between runs (default:\n"
                                       ".statescope-cache in the compile database's directory)"),
                              cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc("Analyse every unit; neither read nor write the cache"),
                      cl::cat(Category));
cl::opt<bool> Profile("profile",
                      cl::desc("Print on stderr where the time went: units analysed and\n"
                               "taken from the cache, parsing, each check, the join"),
                      cl::cat(Category));
// For measuring what leaving them out saves; the findings are the same.
cl::opt<bool> SkipLibraryBodies("skip-library-bodies",
                                cl::desc("Skip the bodies of library code's functions"),
                                cl::init(true), cl::Hidden, cl::cat(Category));
// For measuring what the whole-program passes cost (make bench); the
// findings then lack what they add.
cl::opt<bool> WholeProgram("whole-program",
                           cl::desc("Join the units' facts and run the later passes"),
                           cl::init(true), cl::Hidden, cl::cat(Category));
// For comparing the later passes' results with and without the first
// pass's analyses ahead (tests, make bench).
cl::opt<bool> AnalyseAhead("analyse-ahead",
                           cl::desc("Analyse each unit ahead for the later passes in the first"),
                           cl::init(true), cl::Hidden, cl::cat(Category));

cl::opt<Format>
    OutputFormat("format", cl::desc("Output format:"), cl::init(Format::Text),
                 cl::values(clEnumValN(Format::Text, "text", "clang-style, coloured on a terminal"),
                            clEnumValN(Format::Json, "json", "the schema in docs/cli.md"),
                            clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
                            clEnumValN(Format::Github, "github", "GitHub Actions annotations")),
                 cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to a file instead of stdout"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Report only findings that are not in this baseline"),
                                  cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaselineFile("write-baseline",
                                       cl::desc("Write every finding to a baseline file"),
                                       cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress display and no summary"), cl::cat(Category));
// When stderr is not a terminal: seconds between progress lines (0: one per
// unit, which the tests use).
cl::opt<double> ProgressInterval("progress-interval",
                                 cl::desc("Seconds between progress lines in a log"), cl::init(5),
                                 cl::Hidden, cl::cat(Category));
cl::opt<bool> Statistics("statistics",
                         cl::desc("Print the number of findings per check instead of the "
                                  "findings"),
                         cl::cat(Category));
cl::opt<bool> ShowInterleaving("show-interleaving",
                               cl::desc("Under each finding, the two requests' timeline: where\n"
                                        "request A and request B write, and where A reads"),
                               cl::cat(Category));
cl::opt<std::string>
    DocBaseUrl("doc-base-url",
               cl::desc("The URL of statescope's README.md and docs/, which SARIF\n"
                        "rules link to (default: the docs installed with statescope)"),
               cl::value_desc("url"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));

cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its of the warnings"), cl::cat(Category));
cl::opt<bool> FixNotes("fix-notes",
                       cl::desc("Also apply a note's fix-it when the warning has none and\n"
                                "exactly one note has one (implies --fix)"),
                       cl::cat(Category));
cl::opt<bool> DiffFixes("diff",
                        cl::desc("Print the fix-its --fix (with --fix-notes, also the notes')\n"
                                 "would apply as a unified diff, instead of the report;\n"
                                 "change nothing"),
                        cl::cat(Category));
cl::opt<std::string> DiffBase("diff-base",
                              cl::desc("Report only findings on lines added or changed since\n"
                                       "the branch left this git revision (e.g. origin/main)"),
                              cl::value_desc("ref"), cl::cat(Category));
cl::opt<bool> ExitZero("exit-zero",
                       cl::desc("Exit 0 when there are findings (still 2 or 3 when\n"
                                "something went wrong)"),
                       cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the configuration for the first path (or the\n"
                                  "current directory) as clang-tidy --dump-config does"),
                         cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write the fix-its as clang-apply-replacements YAML"),
                                 cl::value_desc("file"), cl::cat(Category));

} // namespace statescope::cli

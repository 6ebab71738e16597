//===--- GuaranteesTest.cpp - what statescope promises about a user's files -===//
//
// The promises of the README's "Limits and guarantees", each driven through
// the real binary: configuration mistakes are errors that say what is
// wrong; compile databases are read as clang-tidy reads them; --fix never
// writes over a file it did not analyse, through a link, or over a file
// that is read-only; a stopped run stops its workers and changes nothing.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA256.h"
#include <fcntl.h>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";

/// One source file with findings, compiled by a database in its directory.
struct OneUnit {
  ScratchDir Dir;
  std::string Source = Dir.file("leaky.cpp");
  OneUnit() {
    writeFile(Source, LeakySource);
    writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  }
  ProcessResult statescope(std::vector<std::string> Args) const {
    Args.insert(Args.begin(), {"-p", Dir.Path, "--no-cache"});
    return run(Cli, Args);
  }
};

/// Exit code 2 and one line on stderr that says where and what.
void expectOneLineError(const ProcessResult &R, llvm::StringRef Where, llvm::StringRef Problem) {
  EXPECT_EQ(2, R.Status) << R.Out << R.Err;
  EXPECT_EQ(1, llvm::count(R.Err, '\n')) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find(Where.str())) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find(Problem.str())) << R.Err;
}

//===----------------------------------------------------------------------===//
// Configuration and baselines
//===----------------------------------------------------------------------===//

/// The option names a check's page documents: the backquoted names in its
/// Options section.
std::set<std::string> documentedOptions(const std::string &Page) {
  std::string Text = readFile(Page);
  llvm::StringRef Options = llvm::StringRef(Text).split("\n## Options").second;
  Options = Options.split("\n## ").first;
  std::set<std::string> Names;
  llvm::Regex Name("`([A-Z][A-Za-z]+)`");
  llvm::SmallVector<llvm::StringRef> Match;
  while (Name.match(Options, &Match)) {
    Names.insert(Match[1].str());
    Options = Options.substr(Options.find(Match[0]) + Match[0].size());
  }
  return Names;
}

TEST(Guarantees, MisspeltOptionNamesAreErrorsNamingTheNearestOne) {
  OneUnit U;
  // From a .clang-tidy file: the file is named.
  writeFile(U.Dir.file(".clang-tidy"),
            "CheckOptions:\n  statescope-request-field.MaxCalDepth: 2\n");
  expectOneLineError(U.statescope({}), U.Dir.file(".clang-tidy"),
                     "unknown option 'statescope-request-field.MaxCalDepth' in CheckOptions; "
                     "did you mean 'statescope-request-field.MaxCallDepth'?");
  llvm::sys::fs::remove(U.Dir.file(".clang-tidy"));
  // From the command line.
  expectOneLineError(
      U.statescope({"--config={CheckOptions: {statescope-mutable-static.ReportNeverWriten: 1}}"}),
      "--config: ", "did you mean 'statescope-mutable-static.ReportNeverWritten'?");
  // Nothing close: no guess.
  ProcessResult Far =
      U.statescope({"--config={CheckOptions: {statescope-request-field.Colour: 1}}"});
  expectOneLineError(Far, "--config: ", "unknown option 'statescope-request-field.Colour'");
  EXPECT_EQ(std::string::npos, Far.Err.find("did you mean")) << Far.Err;
  // Other tools' options in a shared configuration are theirs.
  EXPECT_EQ(1, U.statescope({"--config={CheckOptions: {readability-x.Y: 1}}"}).Status);

  // Every option each check's page documents is known, for every check.
  std::error_code EC;
  unsigned Pages = 0;
  for (llvm::sys::fs::directory_iterator It(STATESCOPE_SOURCE_DIR "/docs/checks", EC), End;
       It != End && !EC; It.increment(EC)) {
    std::string Check = "statescope-" + llvm::sys::path::stem(It->path()).str();
    std::set<std::string> Names = documentedOptions(It->path());
    EXPECT_FALSE(Names.empty()) << It->path();
    std::string Config = "--config={CheckOptions: {statescope.RemoveArgs: '-Wno-psabi'";
    for (const std::string &Name : Names)
      Config += ", " + Check + "." + Name + ": " +
                (Name == "MaxCallDepth"         ? "8"
                 : Name == "ReportNeverWritten" ? "false"
                 : Name == "IncludeStyle"       ? "llvm"
                 : Name == "SetterNames"        ? "'^set'"
                 : Name == "SingleThreaded"     ? "auto"
                                                : "''");
    ProcessResult R = U.statescope({Config + "}}"});
    EXPECT_EQ(1, R.Status) << Config << "\n" << R.Err;
    ++Pages;
  }
  EXPECT_GE(Pages, 4u);
}

TEST(Guarantees, NegativeMaxCallDepthSaysTheRange) {
  OneUnit U;
  expectOneLineError(
      U.statescope({"--config={CheckOptions: {statescope-mutable-static.MaxCallDepth: -1}}"}),
      "configuration for " + U.Source,
      "invalid configuration value '-1' for option 'statescope-mutable-static.MaxCallDepth'; "
      "expected an integer from 0 to 4294967295");
  expectOneLineError(U.statescope({"--config={CheckOptions: {MaxCallDepth: -3}}"}),
                     "configuration for " + U.Source,
                     "invalid configuration value '-3' for option 'MaxCallDepth'; expected an "
                     "integer from 0 to");
  EXPECT_EQ(1, U.statescope({"--config={CheckOptions: {MaxCallDepth: 0}}"}).Status);
}

TEST(Guarantees, BaselinesWithAByteOrderMarkAreReadAndBadFingerprintsAreErrors) {
  OneUnit U;
  std::string Baseline = U.Dir.file("baseline.json");
  // Writing a baseline accepts the findings: exit 0 (docs/cli.md, exit codes).
  ASSERT_EQ(0, U.statescope({"--write-baseline=" + Baseline}).Status);
  std::string Written = readFile(Baseline);
  ASSERT_NE(std::string::npos, Written.find("\"fingerprint\"")) << Written;

  // Saved by an editor that adds a byte-order mark: every finding is known.
  writeFile(Baseline, "\xEF\xBB\xBF" + Written);
  EXPECT_EQ(0, U.statescope({"--baseline=" + Baseline}).Status);

  // A hand-edited fingerprint that could never match.
  for (const char *Bad : {"c0ffee", "c0ffee0123456789", "C0FFEE0123456789:0", "c0ffee0123456789:x",
                          "c0ffee012345678g:0"}) {
    writeFile(Baseline, "{\"statescopeBaseline\": 2, \"findings\": [{\"fingerprint\": \"" +
                            std::string(Bad) + "\"}]}");
    expectOneLineError(U.statescope({"--baseline=" + Baseline}), Baseline,
                       "findings[0] has the fingerprint '" + std::string(Bad) +
                           "'; a fingerprint is 16 hexadecimal digits, ':' and a number");
  }
}

//===----------------------------------------------------------------------===//
// Compile databases as build systems write them
//===----------------------------------------------------------------------===//

llvm::json::Value parseJson(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  EXPECT_TRUE(static_cast<bool>(V)) << llvm::toString(V.takeError()) << "\n" << Text;
  return V ? std::move(*V) : llvm::json::Value(nullptr);
}

size_t count(const llvm::json::Value &Report, llvm::StringRef Key) {
  const llvm::json::Array *A = Report.getAsObject()->getArray(Key);
  return A ? A->size() : 0;
}

/// A database of one entry per (file, command) pair, commands as strings.
std::string databaseOf(llvm::StringRef Directory,
                       const std::vector<std::pair<std::string, std::string>> &Entries) {
  llvm::json::Array Array;
  for (const auto &[File, Command] : Entries)
    Array.push_back(
        llvm::json::Object{{"directory", Directory}, {"file", File}, {"command", Command}});
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(Array));
  return Text;
}

/// The leaky server with a macro it needs from a header or a flag.
constexpr const char *NeedsSuffix = R"cpp(#include "needed.h"
#include <string>
std::string current;
[[clang::annotate("statescope::request_handler")]]
void handle(const std::string &u) { current = u + SUFFIX; }
)cpp";

TEST(Guarantees, ResponseFilesAreExpandedRelativeToTheEntrysDirectory) {
  ScratchDir Dir;
  writeFile(Dir.file("a.cpp"), NeedsSuffix);
  writeFile(Dir.file("build/inc/needed.h"), "#define SUFFIX \"!\"\n");
  writeFile(Dir.file("build/args.rsp"), "-std=c++17 -Iinc\n");
  writeFile(Dir.file("build/compile_commands.json"),
            databaseOf(Dir.file("build"), {{"../a.cpp", "clang++-19 @args.rsp -c ../a.cpp"}}));
  // Run from elsewhere: the response file is the entry's, not the caller's.
  ProcessResult R = run(Cli, {"-p", Dir.file("build"), "--no-cache", "--format=json"}, "/");
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  ASSERT_TRUE(Report.getAsObject()) << R.Out << R.Err;
  EXPECT_EQ(1u, count(Report, "findings")) << R.Out;
  EXPECT_EQ(0u, count(Report, "failures")) << R.Out;
}

TEST(Guarantees, GccOnlyAndUnknownFlagsDoNotStopTheAnalysis) {
  OneUnit U;
  // GCC flags clang rejects (unknown arguments), and warning and
  // optimisation flags it only warns about, which -Werror makes errors.
  std::string Gcc = "g++ -std=c++17 -Werror -fno-tree-vrp -Wno-psabi -fno-lifetime-dse "
                    "-mno-direct-extern-access -Wimplicit-fallthrough=3 "
                    "-fconcepts-diagnostics-depth=3 -c leaky.cpp";
  writeFile(U.Dir.file("compile_commands.json"), databaseOf(U.Dir.Path, {{"leaky.cpp", Gcc}}));
  ProcessResult R = U.statescope({"--format=json"});
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  ASSERT_TRUE(Report.getAsObject()) << R.Out << R.Err;
  EXPECT_EQ(0u, count(Report, "failures")) << R.Out;
  EXPECT_EQ(2u, count(Report, "findings")) << R.Out;
  // Errors in the code are still errors.
  writeFile(U.Source, std::string(LeakySource) + "int broken = undeclared;\n");
  EXPECT_EQ(3, U.statescope({}).Status);
}

TEST(Guarantees, RemovedFlagsGoWithTheirValuesAndExtraArgsStay) {
  ScratchDir Dir;
  writeFile(Dir.file("a.cpp"), NeedsSuffix);
  writeFile(Dir.file("needed.h"), "#ifdef BROKEN\n#error BROKEN is for another compiler\n#endif\n"
                                  "#define SUFFIX \"!\"\n");
  writeFile(
      Dir.file("compile_commands.json"),
      databaseOf(Dir.Path, {{"a.cpp", "clang++-19 -std=c++17 -DBROKEN -I /nowhere -c a.cpp"}}));
  auto Status = [&](std::vector<std::string> Args) {
    Args.insert(Args.begin(), {"-p", Dir.Path, "--no-cache", "--quiet"});
    ProcessResult R = run(Cli, Args);
    return R.Status;
  };
  EXPECT_EQ(3, Status({}));
  EXPECT_EQ(1, Status({"--remove-arg=-DBROKEN"}));
  // A pattern; and -I with its separate value (left alone, /nowhere would be
  // an input file, and an error).
  EXPECT_EQ(1, Status({"--remove-arg=-D*", "--remove-arg=-I"}));
  EXPECT_EQ(3, Status({"--remove-arg=-DBROKE"}));
  // The configuration's list, as clangd's CompileFlags: Remove.
  EXPECT_EQ(1, Status({"--config={CheckOptions: {statescope.RemoveArgs: '-I;-DBROKEN'}}"}));
  writeFile(Dir.file(".clang-tidy"), "CheckOptions:\n  statescope.RemoveArgs: '-D*'\n");
  EXPECT_EQ(1, Status({}));
  // What the configuration adds is not removed.
  EXPECT_EQ(3, Status({"--config={ExtraArgs: ['-DBROKEN']}"}));
}

TEST(Guarantees, AFileListedTwoThousandTimesIsAnalysedOnceWithItsFirstCommand) {
  OneUnit U;
  // Every entry but the first would fail to compile: were any of them
  // analysed, the unit would be reported as not analysed.
  writeFile(U.Source,
            std::string(LeakySource) + "#ifdef NOT_FIRST\n#error not the first\n#endif\n");
  std::vector<std::pair<std::string, std::string>> Entries;
  for (int I = 0; I < 2000; ++I)
    Entries.emplace_back("leaky.cpp", "clang++-19 -std=c++17 " +
                                          std::string(I ? "-DNOT_FIRST " : "") + "-c leaky.cpp");
  writeFile(U.Dir.file("compile_commands.json"), databaseOf(U.Dir.Path, Entries));
  ProcessResult R = U.statescope({"--format=json"});
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  ASSERT_TRUE(Report.getAsObject()) << R.Out << R.Err;
  EXPECT_EQ(1, Report.getAsObject()->getInteger("translationUnits"));
  EXPECT_EQ(0u, count(Report, "failures")) << R.Out;
  EXPECT_EQ(2u, count(Report, "findings")) << R.Out;
}

TEST(Guarantees, AMissingFileIsThatUnitsFailureAndTheOthersAreAnalysed) {
  ScratchDir Dir;
  writeFile(Dir.file("a.cpp"), LeakySource);
  writeFile(Dir.file("c.cpp"), LeakySource);
  // A generated file listed before the build made it.
  std::string Missing = Dir.file("gen/orders.pb.cc");
  writeFile(Dir.file("compile_commands.json"),
            compileDatabase(Dir.Path, {Dir.file("a.cpp"), Missing, Dir.file("c.cpp")}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--no-cache", "--format=json"});
  EXPECT_EQ(3, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  ASSERT_TRUE(Report.getAsObject()) << R.Out << R.Err;
  EXPECT_EQ(3, Report.getAsObject()->getInteger("translationUnits"));
  EXPECT_EQ(4u, count(Report, "findings")) << R.Out;
  ASSERT_EQ(1u, count(Report, "failures")) << R.Out;
  const llvm::json::Object &Failure =
      *(*Report.getAsObject()->getArray("failures"))[0].getAsObject();
  EXPECT_EQ(Missing, Failure.getString("translationUnit"));
  EXPECT_EQ("cannot read it: No such file or directory (listed in " +
                Dir.file("compile_commands.json") + ")",
            Failure.getObject("firstError")->getString("message"));
  ProcessResult Text = run(Cli, {"-p", Dir.Path, "--no-cache"});
  EXPECT_NE(std::string::npos, Text.Err.find("could not be analysed:\n    " + Missing)) << Text.Err;
}

TEST(Guarantees, AUnitPastTheErrorLimitIsReportedWithItsFirstPlacedError) {
  ScratchDir Dir;
  std::string Source = "int fine;\n";
  for (int I = 1; I <= 30; ++I)
    Source += "int f" + std::to_string(I) + "() { return undeclared" + std::to_string(I) + "; }\n";
  writeFile(Dir.file("broken.cpp"), Source);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Dir.file("broken.cpp")}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--no-cache", "--format=json"});
  EXPECT_EQ(3, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  ASSERT_TRUE(Report.getAsObject()) << R.Out << R.Err;
  ASSERT_EQ(1u, count(Report, "failures")) << R.Out;
  const llvm::json::Object *First =
      (*Report.getAsObject()->getArray("failures"))[0].getAsObject()->getObject("firstError");
  EXPECT_EQ("use of undeclared identifier 'undeclared1'", First->getString("message")) << R.Out;
  const llvm::json::Object *Where = First->getObject("location");
  ASSERT_TRUE(Where) << R.Out;
  EXPECT_EQ(2, Where->getInteger("line"));
}

//===----------------------------------------------------------------------===//
// Fix-its never lose a byte
//===----------------------------------------------------------------------===//

constexpr const char *NeverWritten =
    STATESCOPE_SOURCE_DIR "/tests/checks/mutable-static-never-written.cpp";
constexpr const char *ReportNeverWritten =
    "--config={CheckOptions: {statescope-mutable-static.ReportNeverWritten: true}}";

/// Every file under Dir (not following links) with its SHA-256, and every
/// symbolic link with its target.
std::map<std::string, std::string> snapshot(const std::string &Dir) {
  std::map<std::string, std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
       It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status Status;
    llvm::sys::fs::status(It->path(), Status, /*follow=*/false);
    if (Status.type() == llvm::sys::fs::file_type::symlink_file) {
      llvm::SmallString<256> Target;
      llvm::sys::fs::real_path(It->path(), Target);
      Files[It->path()] = "-> " + Target.str().str();
    } else if (Status.type() == llvm::sys::fs::file_type::regular_file) {
      Files[It->path()] =
          llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(readFile(It->path()))));
    }
  }
  return Files;
}

ProcessResult fixRun(const ScratchDir &Dir, std::vector<std::string> Args = {}) {
  Args.insert(Args.begin(), {"-p", Dir.Path, "--no-cache", ReportNeverWritten, "--fix"});
  return run(Cli, Args);
}

TEST(Guarantees, FixWritesThroughASymbolicLinkToTheRealFile) {
  ScratchDir Dir;
  std::string Real = Dir.file("real/statics.cpp"), Link = Dir.file("statics.cpp");
  writeFile(Real, readFile(NeverWritten));
  ASSERT_FALSE(llvm::sys::fs::create_link(Real, Link));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Link}));
  ProcessResult R = fixRun(Dir);
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find("applied 5 fix-its to 1 file")) << R.Err;
  EXPECT_EQ(readFile(std::string(NeverWritten) + ".fixed"), readFile(Real));
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(Link, Status, /*follow=*/false));
  EXPECT_EQ(llvm::sys::fs::file_type::symlink_file, Status.type()) << "the link is still a link";
}

TEST(Guarantees, FixKeepsHardLinksAndRefusesReadOnlyFiles) {
  ScratchDir Dir;
  std::string Source = Dir.file("statics.cpp"), Other = Dir.file("elsewhere/same.cpp");
  writeFile(Source, readFile(NeverWritten));
  llvm::sys::fs::create_directories(Dir.file("elsewhere"));
  ASSERT_FALSE(llvm::sys::fs::create_hard_link(Source, Other));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  ProcessResult R = fixRun(Dir);
  EXPECT_EQ(1, R.Status) << R.Err;
  std::string Fixed = readFile(std::string(NeverWritten) + ".fixed");
  EXPECT_EQ(Fixed, readFile(Source));
  EXPECT_EQ(Fixed, readFile(Other)) << "both names are still one file";
  llvm::sys::fs::UniqueID SourceId, OtherId;
  ASSERT_FALSE(llvm::sys::fs::getUniqueID(Source, SourceId));
  ASSERT_FALSE(llvm::sys::fs::getUniqueID(Other, OtherId));
  EXPECT_EQ(SourceId, OtherId);

  // A read-only file is refused, and then no file is fixed (root could
  // write it, and must not either).
  ScratchDir Two;
  std::string Writable = Two.file("a.cpp"), ReadOnly = Two.file("b.cpp");
  writeFile(Writable, readFile(NeverWritten));
  writeFile(ReadOnly, readFile(NeverWritten));
  llvm::sys::fs::setPermissions(ReadOnly, llvm::sys::fs::perms(0444));
  writeFile(Two.file("compile_commands.json"), compileDatabase(Two.Path, {Writable, ReadOnly}));
  std::map<std::string, std::string> Before = snapshot(Two.Path);
  ProcessResult Refused = fixRun(Two);
  expectOneLineError(Refused, ReadOnly, "no fix-its applied: " + ReadOnly + " is read-only");
  EXPECT_EQ(Before, snapshot(Two.Path));
  llvm::sys::fs::setPermissions(ReadOnly, llvm::sys::fs::perms(0644));
}

/// Opens the FIFO at Path for writing once a reader has opened it, while
/// Process runs; -1 if it ends first.
int openWhenRead(const std::string &Path, const llvm::sys::ProcessInfo &Process) {
  while (true) {
    int FD = open(Path.c_str(), O_WRONLY | O_NONBLOCK);
    if (FD >= 0)
      return FD;
    if (errno != ENXIO || waitpid(Process.Pid, nullptr, WNOHANG) != 0)
      return -1;
    usleep(10 * 1000); // Waiting for the reader, not for time to pass.
  }
}

// A file edited between its analysis and the fix (an editor's save, a
// checkout) would be fixed at stale offsets. Here the edit happens at a
// known moment: with -j1 the units are analysed in order, and the second
// one includes a FIFO, which blocks it until the test writes it; by then
// the first unit's analysis is over.
TEST(Guarantees, AFileEditedDuringTheRunIsNotFixedAndNeitherIsAnyOther) {
  ScratchDir Dir;
  std::string First = Dir.file("a.cpp"), Gate = Dir.file("b.cpp"), Last = Dir.file("c.cpp");
  writeFile(First, readFile(NeverWritten));
  writeFile(Gate, "#include \"gate.h\"\nint gated;\n");
  writeFile(Last, readFile(NeverWritten));
  ASSERT_EQ(0, mkfifo(Dir.file("gate.h").c_str(), 0644));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {First, Gate, Last}));

  ScratchDir Output;
  std::string Out = Output.file("out"), Err = Output.file("err");
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
  llvm::sys::ProcessInfo Process = llvm::sys::ExecuteNoWait(
      Cli, {Cli, "-p", Dir.Path, "--no-cache", "-j1", ReportNeverWritten, "--fix"}, std::nullopt,
      Redirects);
  ASSERT_GT(Process.Pid, 0);
  int FD = openWhenRead(Dir.file("gate.h"), Process);
  ASSERT_GE(FD, 0) << readFile(Err);
  std::string Edited = "// edited while statescope ran\n" + readFile(NeverWritten);
  writeFile(First, Edited);
  ASSERT_EQ(13, write(FD, "#pragma once\n", 13));
  close(FD);
  llvm::sys::ProcessInfo Done = llvm::sys::Wait(Process, 300);

  ProcessResult R{Done.ReturnCode, readFile(Out), readFile(Err)};
  expectOneLineError(R, First, "no fix-its applied: " + First + " changed since it was analysed");
  EXPECT_EQ(Edited, readFile(First));
  EXPECT_EQ(readFile(NeverWritten), readFile(Last)) << "all or nothing";
}

//===----------------------------------------------------------------------===//
// A stopped run stops
//===----------------------------------------------------------------------===//

/// The processes whose parent is Parent.
std::vector<pid_t> childrenOf(pid_t Parent) {
  std::vector<pid_t> Children;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It("/proc", EC), End; It != End && !EC; It.increment(EC)) {
    pid_t Pid;
    if (llvm::StringRef(llvm::sys::path::filename(It->path())).getAsInteger(10, Pid))
      continue;
    // /proc/PID/stat: "PID (NAME) STATE PPID ...", NAME may hold anything.
    // Read as a stream: procfs gives its files a size of 0.
    std::ifstream In(It->path() + "/stat");
    std::string Stat((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
    llvm::StringRef AfterName = llvm::StringRef(Stat).rsplit(')').second;
    llvm::SmallVector<llvm::StringRef> Fields;
    AfterName.trim().split(Fields, ' ');
    pid_t PPid;
    if (Fields.size() > 1 && !Fields[1].getAsInteger(10, PPid) && PPid == Parent)
      Children.push_back(Pid);
  }
  return Children;
}

bool isRunning(pid_t Pid) { return kill(Pid, 0) == 0 || errno != ESRCH; }

TEST(Guarantees, AStoppedRunEndsItsWorkersAndChangesNothing) {
  ScratchDir Dir;
  // A unit that takes seconds to parse, and one with fix-its.
  std::string Slow;
  for (int I = 0; I < 300000; ++I)
    Slow += "int generated" + std::to_string(I) + " = " + std::to_string(I) + ";\n";
  writeFile(Dir.file("slow.cpp"), Slow);
  writeFile(Dir.file("statics.cpp"), readFile(NeverWritten));
  writeFile(Dir.file("compile_commands.json"),
            compileDatabase(Dir.Path, {Dir.file("slow.cpp"), Dir.file("statics.cpp")}));
  std::map<std::string, std::string> Before = snapshot(Dir.Path);

  for (auto [Signal, Code] :
       {std::pair{SIGTERM, 143}, std::pair{SIGINT, 130}, std::pair{SIGHUP, 129}}) {
    ScratchDir Output;
    std::string Err = Output.file("err");
    std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                  llvm::StringRef(Err)};
    // The cache, -o and --fix would each write a file if the run went on.
    llvm::sys::ProcessInfo Process = llvm::sys::ExecuteNoWait(
        Cli,
        {Cli, "-p", Dir.Path, "-j2", ReportNeverWritten, "--fix", "-o", Dir.file("report.txt")},
        std::nullopt, Redirects);
    ASSERT_GT(Process.Pid, 0);
    std::vector<pid_t> Workers;
    while (Workers.empty() && waitpid(Process.Pid, nullptr, WNOHANG) == 0) {
      usleep(10 * 1000); // Waiting for the workers to start.
      Workers = childrenOf(Process.Pid);
    }
    ASSERT_FALSE(Workers.empty()) << "the run ended before it was stopped: " << readFile(Err);
    ASSERT_EQ(0, kill(Process.Pid, Signal));
    llvm::sys::ProcessInfo Done = llvm::sys::Wait(Process, 300);
    EXPECT_EQ(Code, Done.ReturnCode) << strsignal(Signal) << ": " << readFile(Err);
    for (pid_t Worker : Workers)
      EXPECT_FALSE(isRunning(Worker)) << "worker " << Worker << " outlived " << strsignal(Signal);
    EXPECT_EQ(Before, snapshot(Dir.Path)) << strsignal(Signal);
  }
}

} // namespace
} // namespace statescope::test

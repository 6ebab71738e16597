//===--- TestSupport.cpp - scratch projects and subprocesses for tests ----===//

#include "TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <unistd.h>

namespace statescope::test {

ProcessResult run(llvm::StringRef Program, std::vector<std::string> Args,
                  llvm::StringRef WorkingDir, const std::vector<std::string> &Env) {
  ProcessResult Result;
  llvm::SmallString<128> OutFile, ErrFile;
  llvm::sys::fs::createTemporaryFile("statescope-out", "txt", OutFile);
  llvm::sys::fs::createTemporaryFile("statescope-err", "txt", ErrFile);
  std::vector<llvm::StringRef> Argv = {Program};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(OutFile),
                                                llvm::StringRef(ErrFile)};
  std::string Error;
  llvm::SmallString<256> Previous;
  if (!WorkingDir.empty()) {
    llvm::sys::fs::current_path(Previous);
    llvm::sys::fs::set_current_path(WorkingDir);
  }
  std::optional<std::vector<llvm::StringRef>> Environment;
  if (!Env.empty()) {
    Environment.emplace();
    for (char **E = environ; *E; ++E)
      Environment->push_back(*E);
    Environment->insert(Environment->end(), Env.begin(), Env.end());
  }
  Result.Status = llvm::sys::ExecuteAndWait(Program, Argv, Environment, Redirects,
                                            /*SecondsToWait=*/300, 0, &Error);
  if (!WorkingDir.empty())
    llvm::sys::fs::set_current_path(Previous);
  Result.Out = readFile(std::string(OutFile));
  Result.Err = readFile(std::string(ErrFile)) + Error;
  llvm::sys::fs::remove(OutFile);
  llvm::sys::fs::remove(ErrFile);
  return Result;
}

std::string readFile(const std::string &Path) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  return B ? (*B)->getBuffer().str() : "";
}

void writeFile(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  ASSERT_FALSE(EC) << Path.str() << ": " << EC.message();
  OS << Text;
}

std::string joinPath(llvm::StringRef A, llvm::StringRef B) {
  llvm::SmallString<256> P(A);
  llvm::sys::path::append(P, B);
  return std::string(P);
}

ScratchDir::ScratchDir() {
  llvm::SmallString<128> P;
  llvm::sys::fs::createUniqueDirectory("statescope-test", P);
  llvm::SmallString<128> Real;
  llvm::sys::fs::real_path(P, Real);
  Path = std::string(Real);
}

ScratchDir::~ScratchDir() { llvm::sys::fs::remove_directories(Path); }

std::string compileDatabase(llvm::StringRef Directory, const std::vector<std::string> &Files,
                            const std::vector<std::string> &Args) {
  llvm::json::Array Entries;
  for (const std::string &F : Files) {
    llvm::json::Array Command{"clang++-19", "-std=c++17"};
    for (const std::string &A : Args)
      Command.push_back(A);
    Command.push_back("-c");
    Command.push_back(F);
    Entries.push_back(llvm::json::Object{
        {"directory", Directory}, {"file", F}, {"arguments", std::move(Command)}});
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(Entries));
  return OS.str();
}

const char *const LeakySource = R"cpp(
#include <string>
namespace web { struct Request { std::string user; }; }
class OrderManager {
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string create() const { return "order for " + user_; }
private:
  std::string user_;
};
OrderManager orderManager;
[[clang::annotate("statescope::request_handler")]]
std::string handleOrder(const web::Request &req) {
  orderManager.setContext(req.user);
  return orderManager.create();
}
int main() { web::Request r{"boot"}; return handleOrder(r).empty(); }
struct [[clang::annotate("statescope::shared_instance")]] Audit {
  void record(const std::string &user) { lastUser_ = user; }
  std::string lastUser_;
};
[[clang::annotate("statescope::request_handler")]]
void handleAudit(Audit &audit, const web::Request &req) { audit.record(req.user); }
)cpp";

const char *const CleanSource = R"cpp(
#include <string>
namespace web { struct Request { std::string user; }; }
class Order {
public:
  explicit Order(std::string user) : user_(std::move(user)) {}
  std::string create() const { return "order for " + user_; }
private:
  std::string user_;
};
[[clang::annotate("statescope::request_handler")]]
std::string handleOrder(const web::Request &req) {
  Order order(req.user);
  return order.create();
}
int main() { web::Request r{"boot"}; return handleOrder(r).empty(); }
)cpp";

} // namespace statescope::test

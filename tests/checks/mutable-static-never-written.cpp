// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {statescope-mutable-static.ReportNeverWritten: true}}
#include <string>

static std::string greeting = "hello"; // ADVICE expected-warning {{'greeting' is never written after initialisation; declare it const}}
static int limit = 10; // ADVICE expected-warning {{'limit' is never written after initialisation; declare it const}}
namespace {
double ratio = 0.5; // ADVICE expected-warning {{'ratio' is never written after initialisation; declare it const}}
}
static int first = 1, second = 2; // ADVICE expected-warning {{'first' is never written}} expected-warning {{'second' is never written}}
static const char *name = "statescope"; // ADVICE expected-warning {{'name' is never written}}

static int counter = 0;   // written below
static int borrowed = 0;  // its address escapes as non-const
int exported = 3;         // other translation units may write it
static const int fixed = 4;

int *escape() { return &borrowed; }

int use() {
  static int calls = 0;            // written
  static long base = 42;           // ADVICE expected-warning {{'base' is never written}}
  static int low = 1, high = 2;    // ADVICE expected-warning {{'low' is never written}} expected-warning {{'high' is never written}}
  ++calls;
  ++counter;
  return low + high + limit + first + second + fixed + exported + calls + static_cast<int>(base) +
         static_cast<int>(greeting.size() + ratio) + name[0];
}

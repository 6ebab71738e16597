// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {HandlerFunctions: '^handle$'}}
// `map[key]` inserts the key when it is missing: a lookup through the
// inserting operator[] of a shared std::map or std::unordered_map changes it,
// whatever the code then does with the slot.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

std::map<std::string, int> hitsByPath; // LEAK expected-warning {{'hitsByPath' is shared by every request; the request handler 'handle' stores request data ('path') in it through 'operator[]'}}
std::unordered_map<std::string, int> limits; // LEAK expected-warning {{'limits' is shared by every request; the request handler 'handle' stores request data ('path') in it through 'operator[]'}}
std::vector<int> buckets(16); // SAFE
const std::map<std::string, int> fixedLimits = {{"/", 1}}; // SAFE

int handle(const std::string &path) { // expected-note 2 {{the request handler 'handle' runs once per request}}
  int hits = hitsByPath[path]; // expected-note {{stores request data ('path') in it through 'operator[]' here}}
  const int &limit = limits[path]; // expected-note {{stores request data ('path') in it through 'operator[]' here}}
  // Look-alikes: a vector's operator[] does not insert, find() and at()
  // only read, a const map has no inserting operator[].
  int bucket = buckets[path.size() % 16];
  auto found = limits.find(path);
  int fixed = fixedLimits.at("/");
  return hits + limit + bucket + fixed + (found == limits.end());
}

// tsan_control: a real data race (two threads write one int), to show that ThreadSanitizer
// works on this machine and that its silence on leak_demo is not a broken setup.
#include <cstdio>
#include <thread>

int sharedCounter = 0;

int main() {
  std::thread writer([] { ++sharedCounter; });
  ++sharedCounter;
  writer.join();
  std::printf("counter = %d\n", sharedCounter);
  return 0;
}

//===--- SanitizerPrelude.h - included first in the sanitizer build -------===//
//
// LLVM's headers poison and unpoison the slabs of their allocators when they
// are compiled with AddressSanitizer. Debian's LLVM and clang libraries are
// not, and an inline allocator function compiled into our instrumented code
// and the same function in those libraries disagree: clangd's
// TUScheduler got memory that our copy of BumpPtrAllocator::AllocateSlow
// had poisoned, a false "use-after-poison". Here the allocators do what
// they do in the libraries: no poisoning. ASan still checks every access
// of our code against heap, stack and global bounds.
//
//===----------------------------------------------------------------------===//

#include <sanitizer/asan_interface.h>
#define __asan_poison_memory_region(p, size) ((void)(p), (void)(size))
#define __asan_unpoison_memory_region(p, size) ((void)(p), (void)(size))

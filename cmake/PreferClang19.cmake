# Included before project(): builds with clang 19 unless the user chose a
# compiler (CC/CXX or -DCMAKE_<LANG>_COMPILER). `make deps` installs clang 19
# under its versioned names only, and a Debian 12 machine without
# build-essential has no cc, c++ or g++, so CMake's defaults would find no
# compiler there.
#
# C is set as well as C++: LLVM's CMake package probes the optional libraries
# it was built with (FindLibEdit, FindZstd, FindCURL, ...) with C checks when
# their headers are installed, so a project using it must enable C.
foreach(lang C CXX)
  if(lang STREQUAL "C")
    set(env_var CC)
    set(program clang-19)
  else()
    set(env_var CXX)
    set(program clang++-19)
  endif()
  if(NOT DEFINED CMAKE_${lang}_COMPILER AND NOT DEFINED ENV{${env_var}})
    find_program(STATESCOPE_${lang}_CLANG NAMES ${program} PATHS /usr/lib/llvm-19/bin)
    if(STATESCOPE_${lang}_CLANG)
      set(CMAKE_${lang}_COMPILER "${STATESCOPE_${lang}_CLANG}")
    endif()
  endif()
endforeach()

//===--- TestCode.h - functions a test framework defines ------------------===//
//
// A test that starts a server in its body and registers handlers there
// drives that server with its own requests: what the handlers store (into
// globals the test then asserts on) is the test's, not state that clients
// of a real server share. Tests are known by the macro that defines them
// (the TestMacros option: gtest's TEST, Catch2's and doctest's TEST_CASE,
// Boost.Test's BOOST_AUTO_TEST_CASE...).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_TESTCODE_H
#define STATESCOPE_CHECKS_MODEL_TESTCODE_H

#include "model/ModelOptions.h"

#include "clang/AST/Decl.h"

namespace clang::statescope {

/// True when F is, or is nested in (a lambda in it, a local class's
/// member), a function that a test macro defines: the macro written where
/// the function's name is expanded matches TestMacros.
bool isInTestBody(const FunctionDecl *F, const OptionPatterns &Patterns);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_TESTCODE_H

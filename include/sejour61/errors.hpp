// sejour61/errors.hpp — one table of error kinds for the three faces.
//
// Every failure is classified once (classify) into a kind; the table says, for
// each kind, the "code" of the error document sejour61.error/1, the CLI's
// exit code, the C API's S61_* code and the Python exception class. The CLI,
// the C API and the Python module all read this table: none maps errors on
// its own.
#pragma once

#include "sejour61/said.hpp"

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace sejour61 {

/// A wrong option or command (the CLI), or an unknown regime or reform.
class UsageError : public SaidError {
public:
    using SaidError::SaidError;
};

enum class ErrorKind { input, usage, refused, rules, io, nomem, internal };

struct ErrorInfo {
    ErrorKind kind;
    const char* code;     ///< "code" of sejour61.error/1
    int exit_code;        ///< the CLI's exit code
    int s61;              ///< the C API's S61_* code
    const char* python;   ///< the Python exception class
    const char* meaning;
};

/// The table, one row per kind.
const std::vector<ErrorInfo>& error_table();
const ErrorInfo& error_info(ErrorKind kind);

struct Classified {
    ErrorKind kind = ErrorKind::internal;
    std::string message;  ///< for people; names the path and the problem, never an input value
    std::string path;     ///< JSON path or argument at fault ("" when none)
    std::string rule;     ///< the rule that refuses an event (refused)
    Said said;            ///< the message without the path, to say in another language (Messages::said)
};

/// Classifies an exception thrown by the library (any other is `internal`).
/// Never throws except std::bad_alloc while copying the message.
Classified classify(const std::exception_ptr& e);

}  // namespace sejour61

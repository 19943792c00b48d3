// How the CLI tells an error: on standard error in the reader's language, and
// with --json as a sejour61.error/1 document (English unless --lang is given).
#pragma once

#include "sejour61/errors.hpp"
#include "sejour61/rules.hpp"

#include <functional>
#include <memory>
#include <string>

namespace sejour61::cli {

struct ErrorSetting {
    std::string lang;       ///< --lang as given ("" : from the environment)
    std::string rules_dir;  ///< --rules-dir as given ("" : the default)
    bool json = false;
};

/// The rule book whose catalogues say the errors, once a command loaded it.
void errors_said_by(std::shared_ptr<const RuleBook> book);

/// Writes the error (standard error; with --json the document through
/// `print`); returns the exit code of the error table.
int report_error(const Classified& c, const ErrorSetting& s, const std::function<void(const std::string&)>& print);

}  // namespace sejour61::cli

// sejour61/said.hpp — an error message that can be said in the reader's language.
//
// The English form of a message is written once, where the message is made,
// with {name} for its arguments: say("is not one of: {allowed}", {{"allowed",
// "complaint, statement"}}). The form is the key of the "errors" table of a
// catalogue (rules/i18n/fr.json: "is not one of: {allowed}" → « n'est pas
// l'une des valeurs admises : {allowed} »), as "bases" is keyed by the English
// basis; Messages::said renders it, and English when a language has no entry.
// what() of an error stays the English text (the C API, Python, logs).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sejour61 {

struct Said {
    std::string form;  ///< the English form, {name} for an argument; the key of the "errors" table
    std::vector<std::pair<std::string, std::string>> args;
    std::string lead;  ///< said before it as it is, in every language (a flag: "--on ")
    /// The form with its arguments, after the lead.
    std::string english() const;
};

/// A message with arguments (a form without arguments converts implicitly).
inline Said say(std::string form, std::vector<std::pair<std::string, std::string>> args = {}) {
    return Said{std::move(form), std::move(args), {}};
}
/// `s` said after `lead` ("--on " + the date's problem).
inline Said led(std::string lead, Said s) {
    s.lead = std::move(lead) + s.lead;
    return s;
}

/// The base of the library's errors for people: what() is the English text,
/// said() the message to render in another language.
class SaidError : public std::runtime_error {
public:
    explicit SaidError(const std::string& english) : std::runtime_error(english), said_{english, {}, {}} {}
    explicit SaidError(Said s) : std::runtime_error(s.english()), said_(std::move(s)) {}
    /// what() is `english` (a path before the message), said() only the message.
    /// (`s` by reference: `english` may be computed from it in the same call.)
    SaidError(const std::string& english, Said&& s) : std::runtime_error(english), said_(std::move(s)) {}
    const Said& said() const { return said_; }

private:
    Said said_;
};

}  // namespace sejour61

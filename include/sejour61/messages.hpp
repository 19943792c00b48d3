// sejour61/messages.hpp — the text a person reads, in French, Dutch or English.
//
// Messages live in catalogue files (rules/i18n/en.json, fr.json, nl.json,
// format "sejour61.messages/1"), never in code: code refers to message ids and
// fills {placeholders}. A test fails when an id is missing in a language.
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/id.hpp"
#include "sejour61/said.hpp"

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sejour61 {

/// A message to render later, in the reader's language: a catalogue id and
/// its arguments. An argument "@id" (or "@id1,@id2") is itself rendered from
/// the catalogue (a list joined with ", ").
///
/// A Text is built by the replay for every warning, so it allocates nothing
/// in the usual case (issue 10): the id is an Id (a literal), the argument
/// names are literals and their values are copied into a buffer inside the
/// Text; only values longer than the buffer together go to the heap.
class Text {
public:
    static constexpr std::size_t max_args = 6;

    Text() = default;
    Text(Id i) : id(i) {}  // NOLINT: implicit by design
    // Copies only the arguments and characters in use (never bytes not yet written).
    Text(const Text& o) : id(o.id), heap_(o.heap_) { take(o); }
    Text(Text&& o) noexcept : id(o.id), heap_(std::move(o.heap_)) { take(o); }
    Text& operator=(const Text& o) {
        if (this != &o) {
            id = o.id;
            heap_ = o.heap_;
            take(o);
        }
        return *this;
    }
    Text& operator=(Text&& o) noexcept {
        if (this != &o) {
            id = o.id;
            heap_ = std::move(o.heap_);
            take(o);
        }
        return *this;
    }
    Text(Id i, std::initializer_list<std::pair<const char*, std::string_view>> args);
    /// A message id chosen among literals (`cond ? "a" : "b"`): it must be one.
    Text(const char* literal_id) : id(Id::literal(literal_id)) {}  // NOLINT: implicit by design
    Text(const char* literal_id, std::initializer_list<std::pair<const char*, std::string_view>> args)
        : Text(Id::literal(literal_id), args) {}

    /// Adds the argument `name` (a literal); throws std::logic_error past max_args.
    void add(const char* name, std::string_view value);
    std::size_t arg_count() const { return n_; }
    const char* arg_name(std::size_t i) const { return args_[i].name; }
    std::string_view arg_value(std::size_t i) const;

    Id id;

private:
    void take(const Text& o) noexcept {
        n_ = o.n_;
        used_ = o.used_;
        std::memcpy(args_, o.args_, n_ * sizeof(Arg));
        std::memcpy(buf_, o.buf_, used_);
    }
    static constexpr std::uint32_t in_heap = 0x80000000u;
    struct Arg {
        const char* name;
        std::uint32_t off;  // in buf_, or in heap_ when `in_heap` is set
        std::uint32_t len;
    };
    Arg args_[max_args];
    std::uint8_t n_ = 0;
    std::uint32_t used_ = 0;
    char buf_[112];
    std::string heap_;
};

class Messages {
public:
    /// Loads `rules_dir`/i18n/`lang`.json. Throws RulesError.
    static std::shared_ptr<const Messages> load(const std::string& rules_dir, const std::string& lang);
    /// The same from a text already read (`path` names it in errors). Throws RulesError.
    static std::shared_ptr<const Messages> from_text(const std::string& path, const std::string& lang,
                                                     const std::string& text);
    /// An empty catalogue: every text renders as its id.
    Messages() = default;

    /// The message `id` with {name} placeholders replaced; "⟨id⟩" when missing.
    /// A count argument ({n}, {count}) of one chooses "<id>.one" when there is one.
    /// An argument that is an ISO date (2027-02-03) is written out in the
    /// catalogue's language (« 3 février 2027 », "3 februari 2027"): a
    /// person reads messages; JSON keeps ISO in its date fields. An argument
    /// named event, state, document, held, reason, ground, by, form or outcome
    /// holding an internal value ("cooperation", "a_card") is shown by its
    /// catalogue name (event.cooperation, doc.a_card, ...) when there is one.
    std::string get(const std::string& id, const std::map<std::string, std::string>& args = {}) const;
    bool has(const std::string& id) const { return text_.count(id) > 0; }
    /// Renders a Text (its "@id" arguments too). A count argument ({n},
    /// {count}) of one chooses the variant "<id>.one" when there is one.
    std::string render(const Text& t) const;
    /// The same as read on `as_of`: a message with an {end} on or after
    /// `as_of` is written with its variant "<id>.upcoming" when there is one
    /// (the document has not ended yet: « prend fin », not « a pris fin »).
    std::string render(const Text& t, const Date& as_of) const;
    const std::string& lang() const { return lang_; }
    const std::map<std::string, std::string>& all() const { return text_; }
    /// `d` written out: "{day} {month} {year}" of the catalogue (date.pattern,
    /// date.months, date.first_day for the first of a month: « 1er »).
    std::string date(const Date& d) const;
    /// A legal basis (rule index, rule files, deadlines: English) in the
    /// catalogue's language: its "bases" table, else as given (English).
    std::string basis(const std::string& english) const;
    /// The catalogue's "bases" table (English basis → this language).
    const std::map<std::string, std::string>& bases() const { return bases_; }
    /// A value as the argument `name` would show it (a date written out, an
    /// internal value by its catalogue name), else `v` as it is.
    std::string value(std::string_view name, std::string_view v) const {
        std::string w = written(name, v);
        return w.empty() ? std::string(v) : w;
    }
    /// An error message in the catalogue's language: its form looked up in the
    /// "errors" table (English form → this language), each argument too (a
    /// JSON type, "standard input", a system error), ISO dates written out;
    /// the English form when the table has no entry. The lead as it is.
    std::string said(const Said& s) const;
    /// The catalogue's "errors" table.
    const std::map<std::string, std::string>& errors() const { return errors_; }

private:
    std::string lang_;
    std::map<std::string, std::string> text_;
    std::map<std::string, std::string> bases_;
    std::map<std::string, std::string> errors_;
    std::string months_[12];
    // v as a person reads it: an ISO date written out, an internal value
    // ({event} "cooperation") by its catalogue name; "" when v stays as it is.
    std::string written(std::string_view name, std::string_view v) const;
    std::string render(const Text& t, const std::string& id) const;
    std::string counted(std::string_view id, std::string_view n) const;
};

/// The language for text output: `requested` when given, else the language
/// part of $LC_ALL / $LC_MESSAGES / $LANG (fr_BE.UTF-8 → fr, nl_BE → nl, C →
/// en, "frisian" → en). The caller falls back to English when the rule files
/// have no catalogue for it (RuleBook::languages).
std::string choose_language(const std::string& requested);

/// Every message id the code uses (the catalogue test checks each language).
const std::vector<std::string>& required_message_ids();

}  // namespace sejour61

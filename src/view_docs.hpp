// src/view_docs.hpp — parts the output documents share, written once for
// both writers (src/doc_writer.hpp).
#pragma once

#include "doc_writer.hpp"

#include "sejour61/engine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/version.h"

namespace sejour61 {

/// "warnings": each with its rule, message (in `lang`), date and basis.
template <class W>
void warnings_doc(W& w, const Outcome& o, const RuleBook& book, const std::string& lang) {
    const Messages& m = book.messages(lang);
    w.begin_array();
    for (const auto& x : o.warnings) {
        w.begin_object();
        w.field("rule", x.rule).field("message", m.render(x.text)).field("date", x.date).field("basis", book.basis_of(x.rule));
        w.end_object();
    }
    w.end_array();
}

/// The engine version and the rules' digest, last in every document.
template <class W>
void stamp_doc(W& w, const RuleBook& book) {
    w.field("engine", SEJOUR61_VERSION).field("rules", book.digest());
}

}  // namespace sejour61

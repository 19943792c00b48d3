// src/procedure/periods.hpp — the period book of a replay.
//
// The periods of a case follow each other without gap or overlap: opening a
// period ends the current one the day before (a period entered and left on
// the same day is not listed). The book also counts what the law limits: the
// extensions of the ai (R-61/3-EXTEND) and the renewals of the A card
// (R-61/4-RENEW), and remembers when each kind of document was first issued.
#pragma once

#include "sejour61/engine.hpp"

#include <optional>
#include <vector>

namespace sejour61::procedure {

class PeriodBook {
public:
    explicit PeriodBook(std::vector<Period>& periods) : periods_(periods) {}

    void open(Period p);
    Period* current() { return periods_.empty() ? nullptr : &periods_.back(); }
    const Period* first() const { return periods_.empty() ? nullptr : &periods_.front(); }

    /// A period without document (detected, closed, indefinite before its card).
    static Period bare(State s, const Date& from, Id rule);
    /// A document period from `from` to `end` (its last day), issued under `rs`.
    static Period document(State s, const std::string& doc, const Date& from, const Date& end, const RuleSet& rs,
                           const EndCount& count, Id rule);
    /// The count of `n` months from `act` under the month convention of `rs` (R-DATE-MONTHS).
    static EndCount months(const Date& act, int n, const RuleSet& rs);

    int extensions = 0;  ///< extensions of the current ai
    int renewals = 0;    ///< renewals of the current A card
    std::optional<Date> ai_first, a_card_first;

private:
    std::vector<Period>& periods_;
};

}  // namespace sejour61::procedure

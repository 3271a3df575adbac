// Codes the kiosk makes up itself: the provisional dossier code printed on the receipt before the
// portal has answered, and the idempotency key that makes resending a dossier safe.
#pragma once

#include <string>
#include <string_view>

#include "core/ports.h"

namespace motcua::core {

// Letters a person cannot mistake for digits or for each other: A–Y without I, O and Q (22).
inline constexpr std::string_view ProvisionalCodeLetters = "ABCDEFGHJKLMNPRSTUVWXY";
// Digits without 0 and 1, which read like O and I.
inline constexpr std::string_view ProvisionalCodeDigits = "23456789";
inline constexpr std::size_t ProvisionalCodeLength = 8;

// A new provisional code such as "KD4MX7PA": 8 characters, a digit at positions 3 and 6
// (1-based), letters elsewhere (the GOV.UK reference-number pattern). 22^6 · 8^2 ≈ 7.3·10^9 codes.
std::string make_provisional_code(Random& random);

// Uppercases ASCII letters and drops spaces and dashes (ASCII, no-break space, en/em dash) that a
// person types or reads aloud in groups. For provisional codes only: MaHoSo is opaque and keeps
// its dashes.
std::string normalise_code_input(std::string_view input);

// True when the input, once normalised, is a well-formed provisional code.
bool is_provisional_code(std::string_view input);

// A new random UUID version 4, lowercase text ("0f8fad5b-d9cb-469f-a165-70867728950e"), to send
// as the Idempotency-Key of one dossier for all its attempts.
std::string make_idempotency_key(Random& random);

}  // namespace motcua::core

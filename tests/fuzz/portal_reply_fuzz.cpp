// libFuzzer target: portal replies of any shape must never crash the interpreters, and no reply
// may be taken for success unless it meets the contract. Build and run with tools/fuzz.sh.
//
// Input layout: [status hi][status lo][content type][retry-after][body...]
//   status        = big-endian 16 bits, modulo 1000 (0 = no HTTP answer; the body is then the
//                   transport error text)
//   content type  = an index into ContentTypes; past its end, the content type is read from
//                   the start of the body up to the first '\n'
//   retry-after   = odd: present, the byte as a signed value; even: absent
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/filing/portal_reply.h"
#include "fuzz_check.h"

using namespace motcua::core;
using motcua::fuzz::check;

namespace {

constexpr std::string_view ContentTypes[] = {
    "application/json",
    "application/json; charset=utf-8",
    "text/html",
    "",
    "application/problem+json",
    "application/json; charset=iso-8859-1",
    "APPLICATION/JSON;CHARSET=\"UTF-8\"",
    "text/plain",
};
constexpr std::size_t ContentTypeCount = sizeof(ContentTypes) / sizeof(ContentTypes[0]);

bool good_code(const std::string& code) {
    if (code.empty() || code.size() > MaxDossierCodeBytes) return false;
    for (char c : code) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return 0;
    HttpReply reply;
    reply.status = ((data[0] << 8) | data[1]) % 1000;
    std::string_view rest(reinterpret_cast<const char*>(data + 4), size - 4);
    if (data[2] < ContentTypeCount) {
        reply.content_type = std::string(ContentTypes[data[2]]);
    } else {
        const std::size_t newline = rest.find('\n');
        reply.content_type = std::string(rest.substr(0, newline));
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
    }
    if (data[3] & 1) reply.retry_after_seconds = static_cast<std::int8_t>(data[3]);
    if (reply.status == 0) {
        reply.transport_error = std::string(rest);
    } else {
        reply.body = std::string(rest);
    }

    const SubmitOutcome submit = interpret_submit_reply(reply);
    if (const auto* accepted = std::get_if<SubmitAccepted>(&submit)) {
        check(reply.status == 201);
        check(good_code(accepted->ma_ho_so));
        check(accepted->trang_thai >= 0 && accepted->trang_thai <= 10);
        check(accepted->ngay_hen_tra.empty() || accepted->ngay_hen_tra.size() == 14);
    } else if (const auto* retry = std::get_if<SubmitRetry>(&submit)) {
        check(!retry->reason_code.empty());
        check(!retry->retry_after_seconds || *retry->retry_after_seconds >= 0);
    } else {
        const auto& held = std::get<SubmitHeld>(submit);
        check(reply.status >= 400 && reply.status < 500);
        check(!held.reason_code.empty());
    }

    const LookupOutcome lookup = interpret_lookup_reply(reply);
    if (const auto* found = std::get_if<LookupFound>(&lookup)) {
        check(reply.status == 200);
        check(good_code(found->status.ma_ho_so));
        check(found->status.trang_thai >= 1 && found->status.trang_thai <= 10);
    } else if (std::holds_alternative<LookupNotFound>(lookup)) {
        check(reply.status == 404);
    } else {
        check(!std::get<LookupUnavailable>(lookup).reason_code.empty());
    }
    return 0;
}

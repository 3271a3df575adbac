// Every key of kiosk.toml and the flag it stands for. A new option gets its key here (one line)
// and a row in docs/configuration.md; an option without a key can be set on the command line only.
// A key whose flag this binary lacks is skipped by --print-config and refused in a file as unknown.
#include "platform/config/config.h"

namespace motcua::platform::config {

namespace {

KeyDef key(std::string name, std::string flag, std::string help) {
    KeyDef def;
    def.key = std::move(name);
    def.flag = std::move(flag);
    def.help = std::move(help);
    return def;
}
KeyDef key(std::string name, std::string flag, std::string help, long long min, long long max) {
    KeyDef def = key(std::move(name), std::move(flag), std::move(help));
    def.min = min;
    def.max = max;
    return def;
}
KeyDef one_of(std::string name, std::string flag, std::string help,
              std::vector<std::string> choices) {
    KeyDef def = key(std::move(name), std::move(flag), std::move(help));
    def.choices = std::move(choices);
    return def;
}
KeyDef url(std::string name, std::string flag, std::string help) {
    KeyDef def = key(std::move(name), std::move(flag), std::move(help));
    def.prefixes = {"http://", "https://"};
    return def;
}

}  // namespace

const std::vector<KeyDef>& kiosk_keys() {
    static const std::vector<KeyDef> keys = {
        // [portal]
        url("portal.url", "--portal",
            "the provincial portal's base URL; \"\" = no portal (filings wait)"),
        one_of("portal.kind", "--portal-kind",
               "the portal's API: motcua or opencps (docs/portal-api.md)", {"motcua", "opencps"}),
        key("portal.token_file", "--token-file",
            "file holding the kiosk's bearer token (mode 0600)"),
        key("portal.client_cert", "--client-cert", "client certificate (PEM) for mutual TLS"),
        key("portal.client_key", "--client-key", "its private key (PEM, mode 0600)"),
        key("portal.ca_file", "--ca-file", "CA bundle (PEM) to verify the portal with"),
        key("portal.retry_base_ms", "--retry-base-ms",
            "first retry delay of a failed submission (ms)", 100, 3'600'000),
        key("portal.retry_cap_ms", "--retry-cap-ms", "longest retry delay (ms)", 1000, 86'400'000),
        key("portal.stale_after_ms", "--stale-after-ms",
            "a filing unsent for this long is flagged to staff (ms)", 60'000, 30LL * 86'400'000),
        key("portal.provisional_after_ms", "--provisional-after-ms",
            "show a provisional code when the portal has not answered within this (ms)", 0,
            600'000),
        // [opencps] only with kind = "opencps" (docs/portal-api.md, Adapters)
        key("portal.opencps_group_id", "--opencps-group-id",
            "OpenCPS: the agency site's groupId (sent as the groupId header)"),
        key("portal.opencps_agency", "--opencps-agency",
            "OpenCPS: the receiving agency's govAgencyCode"),
        key("portal.opencps_credentials", "--opencps-credentials",
            "OpenCPS: file holding \"user:password\" for HTTP Basic (mode 0600)"),
        key("portal.opencps_mapping", "--opencps-mapping",
            "OpenCPS: our procedure codes to serviceCode + dossierTemplateNo; \"\" = the assets' "
            "config/opencps-mapping.json"),
        // [/opencps]
        // [kiosk]
        key("kiosk.id", "--kiosk-id", "this kiosk's ID (MaKiosk in the heartbeat and dossiers)"),
        key("kiosk.office_name", "--office-name",
            "the office's name on receipts and queue tickets"),
        key("kiosk.home_ward", "--home-ward", "5-digit code of the ward where the kiosk stands"),
        one_of("kiosk.language", "--language", "the language a visit starts in", {"vi", "en"}),
        key("kiosk.idle_ms", "--idle-ms",
            "inactivity before the \"are you still there\" countdown (ms)", 1'000, 3'600'000),
        // [help] the physical keyboard's Vietnamese input (flag of the help branch)
        key("kiosk.typing", "--typing", "physical keyboard typing: telex, vni or off"),
        // [display]
        key("display.kiosk", "--kiosk",
            "kiosk mode: full screen, no decorations, no exit key, cursor hidden"),
        key("display.fullscreen", "--fullscreen", "full screen without kiosk mode"),
        key("display.size", "--size", "window size WxH when not full screen (at least 640x480)"),
        key("display.ppi", "--ppi", "the panel's pixels per inch (sizes are set in mm)", 50, 600),
        one_of("display.renderer", "--renderer", "auto, ours (software), sdl or gl",
               {"auto", "ours", "sdl", "gl"}),
        key("display.fonts", "--fonts",
            "folder holding Noto Sans; \"\" = Debian's fonts-noto-core"),
        // [files]
        key("files.assets", "--assets", "assets folder; \"\" = the installed /usr/share/motcua"),
        key("files.outbox", "--db", "the outbox (SQLite); \"\" = $STATE_DIRECTORY or XDG state"),
        key("files.fees", "--fees", "the province's fee file; \"\" = the assets' config/fees.json"),
        key("files.holidays", "--holidays",
            "public holidays file; \"\" = the assets' config/holidays.json"),
        // [bank]
        key("bank.bin", "--bank-bin",
            "the office's bank (VietQR BIN) for fees; \"\" = no payment QR"),
        key("bank.account", "--bank-account", "the office's account number"),
        key("bank.name", "--bank-name", "the account holder's name"),
        // [printer]
        key("printer.device", "--printer",
            "tcp://HOST:9100, file:PATH or /dev/usb/lp0; \"\" = none"),
        key("printer.dots", "--printer-dots",
            "printer width in dots (384 for 58 mm, 576 for 80 mm)", 128, 2048),
        // [paper] the receipt QR's address (flag of the paper branch)
        key("printer.tracking_url", "--tracking-url",
            "the receipt QR's tracking address; \"{code}\" is replaced by the dossier code"),
        // [speech]
        key("speech.voice", "--voice", "read screens aloud: auto, espeak or off"),
        // [staff]
        key("staff.pin_file", "--staff-pin-file", "the staff PIN's salted hash (mode 0600)"),
        // [notify]
        key("notify.command", "--notify-command", "run when a resident taps \"Gọi cán bộ\""),
        url("notify.url", "--notify-url", "or POST the call to this URL"),
        // [monitoring]
        key("monitoring.metrics_file", "--metrics-file",
            "Prometheus text file for node_exporter's textfile collector; \"\" = none"),
        key("monitoring.log_file", "--log", "also append JSON log lines to this file; \"\" = none"),
    };
    return keys;
}

}  // namespace motcua::platform::config

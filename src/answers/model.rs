//! The answer file as Rust types: what `mma` reads, what the JSON Schema is generated from.
//!
//! Doc comments become the schema's titles (a first line `# Title`) and descriptions, so they are
//! written for the person filling in the file. Field names and enum values are part of the
//! interface (product.md, "The answer file"); versioned values are renamed explicitly, since
//! serde's `snake_case` would turn `Exchange2010` into `exchange2010`.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::time::{self, DateSchema};
pub use super::time::{Date, Window, Zone};
use crate::decision;

/// # Migration answer file
///
/// Describes the source mail system of one organisation, so `mma` can recommend a migration path
/// to Exchange Online, plan batches and write the runbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(example = example())]
pub struct Answers {
    /// # Format version
    ///
    /// The version of this file's format. Always `1`.
    pub version: FormatVersion,

    /// # Organisation
    ///
    /// The organisation's name, as it should appear in the runbook and in user communications.
    #[schemars(length(min = 1, max = 256), example = &"Contoso Ltd")]
    pub organization: String,

    /// # Current mail system
    ///
    /// The mail system the mailboxes move from.
    pub source: Source,

    /// # Mailboxes
    ///
    /// How many mailboxes move, shared and resource mailboxes included.
    #[schemars(range(min = 1, max = 10_000_000), example = 250)]
    pub mailboxes: u32,

    /// # Timeline
    ///
    /// How quickly the migration has to be done.
    pub timeline: Timeline,

    /// # Manage users on premises afterwards
    ///
    /// After the migration, on-premises Active Directory stays the source of authority for users
    /// (directory synchronisation keeps running).
    pub manage_users_on_premises: bool,

    /// # Coexistence
    ///
    /// Both sides must work together while the migration runs: shared free/busy, cross-premises
    /// mail flow, MailTips and moving mailboxes back (off-boarding).
    pub coexistence: bool,

    /// # Chosen path
    ///
    /// The path the team has decided on, when it differs from the recommendation. It is checked
    /// against the path's hard limits, and plans and runbooks follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Path")]
    pub chosen_path: Option<Path>,

    /// # Microsoft 365 tenant
    ///
    /// The tenant the mailboxes move to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Tenant")]
    pub tenant: Option<Tenant>,

    /// # Source server
    ///
    /// How Exchange Online reaches the source mail system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "SourceServer")]
    pub source_server: Option<SourceServer>,

    /// # Schedule
    ///
    /// Planning inputs for batches: when migrations may run and how fast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Schedule")]
    pub schedule: Option<Schedule>,
}

fn example() -> Answers {
    Answers {
        version: FormatVersion,
        organization: "Contoso Ltd".to_owned(),
        source: Source::Exchange2010,
        mailboxes: 250,
        timeline: Timeline::Weeks,
        manage_users_on_premises: false,
        coexistence: false,
        chosen_path: None,
        tenant: Some(Tenant {
            domain: "contoso.onmicrosoft.com".to_owned(),
            accepted_domains: vec!["contoso.com".to_owned()],
        }),
        source_server: None,
        schedule: None,
    }
}

/// The format version, `1`: written and read as that integer and nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatVersion;

impl Serialize for FormatVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(1)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            1 => Ok(Self),
            other => Err(serde::de::Error::custom(format!(
                "unsupported version {other}; this mma reads version 1"
            ))),
        }
    }
}

impl JsonSchema for FormatVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormatVersion".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "const": 1 })
    }
}

/// An enum of the answer file written as names: every value and each one's name.
pub trait Named: Copy + 'static {
    /// Every value, in the order of the schema.
    fn all() -> &'static [Self];
    /// The value as written in answer files.
    fn name(self) -> &'static str;
}

/// The value of `T` named `text`; the error names the allowed values and the closest one.
///
/// # Errors
/// When no value has that name.
pub fn parse_named<T: Named>(text: &str) -> Result<T, String> {
    T::all()
        .iter()
        .copied()
        .find(|v| v.name() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = T::all().iter().map(|v| v.name()).collect();
            let mut message = format!("unknown value `{text}`; allowed: {}", names.join(", "));
            if let Some(s) = crate::table::diagnostic::suggest(text, names.iter().copied()) {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            message
        })
}

/// Declares a string enum with its names, an `ALL` list and `Display`.
macro_rules! names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order of the schema.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The value as written in answer files.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }
        }

        impl Named for $ty {
            fn all() -> &'static [Self] {
                Self::ALL
            }

            fn name(self) -> &'static str {
                Self::name(self)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// The mail system the mailboxes move from.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[schemars(extend("type" = "string"))]
pub enum Source {
    /// # Exchange 2000 or earlier
    ///
    /// Exchange Server 5.5 or 2000: too old for any Exchange migration, only IMAP reaches it.
    #[serde(rename = "exchange_2000_or_earlier")]
    Exchange2000OrEarlier,
    /// # Exchange Server 2003
    ///
    /// Support ended on 8 April 2014. Cutover or staged migration.
    #[serde(rename = "exchange_2003")]
    Exchange2003,
    /// # Exchange Server 2007
    ///
    /// Support ended on 11 April 2017. Cutover or staged migration, or hybrid through an Exchange
    /// 2013 server.
    #[serde(rename = "exchange_2007")]
    Exchange2007,
    /// # Exchange Server 2010
    ///
    /// Support ended on 13 October 2020. Hybrid or cutover migration.
    #[serde(rename = "exchange_2010")]
    Exchange2010,
    /// # Exchange Server 2013
    ///
    /// Support ended on 11 April 2023. Hybrid or cutover migration.
    #[serde(rename = "exchange_2013")]
    Exchange2013,
    /// # Exchange Server 2016
    ///
    /// Support ended on 14 October 2025. Hybrid or cutover migration.
    #[serde(rename = "exchange_2016")]
    Exchange2016,
    /// # Exchange Server 2019
    ///
    /// Support ended on 14 October 2025. Hybrid or cutover migration.
    #[serde(rename = "exchange_2019")]
    Exchange2019,
    /// # Exchange Server Subscription Edition
    ///
    /// Exchange Server SE, the supported successor of 2016 and 2019. Hybrid or cutover migration.
    #[serde(rename = "exchange_se")]
    ExchangeSe,
    /// # Google Workspace
    ///
    /// Google Workspace (formerly G Suite): mail, calendars and contacts move through Google's API.
    #[serde(rename = "google_workspace")]
    GoogleWorkspace,
    /// # Another IMAP server
    ///
    /// Any other IMAP server, consumer Gmail, Outlook.com and Yahoo included: mail only.
    #[serde(rename = "imap")]
    Imap,
    /// # Another Microsoft 365 tenant
    ///
    /// Mailboxes move between two Microsoft 365 tenants.
    #[serde(rename = "microsoft_365")]
    Microsoft365,
    /// # Something else, without IMAP
    ///
    /// Notes, GroupWise without IMAP and other systems only a third-party tool can read.
    #[serde(rename = "other")]
    Other,
}

names!(Source {
    Exchange2000OrEarlier => "exchange_2000_or_earlier",
    Exchange2003 => "exchange_2003",
    Exchange2007 => "exchange_2007",
    Exchange2010 => "exchange_2010",
    Exchange2013 => "exchange_2013",
    Exchange2016 => "exchange_2016",
    Exchange2019 => "exchange_2019",
    ExchangeSe => "exchange_se",
    GoogleWorkspace => "google_workspace",
    Imap => "imap",
    Microsoft365 => "microsoft_365",
    Other => "other",
});

impl Source {
    /// The decision table's value for this source.
    #[must_use]
    pub const fn decision(self) -> decision::Source {
        match self {
            Self::Exchange2000OrEarlier => decision::Source::Exchange2000OrEarlier,
            Self::Exchange2003 => decision::Source::Exchange2003,
            Self::Exchange2007 => decision::Source::Exchange2007,
            Self::Exchange2010 => decision::Source::Exchange2010,
            Self::Exchange2013 => decision::Source::Exchange2013,
            Self::Exchange2016 => decision::Source::Exchange2016,
            Self::Exchange2019 => decision::Source::Exchange2019,
            Self::ExchangeSe => decision::Source::ExchangeSe,
            Self::GoogleWorkspace => decision::Source::GoogleWorkspace,
            Self::Imap => decision::Source::Imap,
            Self::Microsoft365 => decision::Source::Microsoft365,
            Self::Other => decision::Source::Other,
        }
    }

    /// Whether this is an on-premises Exchange server.
    #[must_use]
    pub const fn is_exchange(self) -> bool {
        matches!(
            self,
            Self::Exchange2000OrEarlier
                | Self::Exchange2003
                | Self::Exchange2007
                | Self::Exchange2010
                | Self::Exchange2013
                | Self::Exchange2016
                | Self::Exchange2019
                | Self::ExchangeSe
        )
    }
}

/// How quickly the migration has to be done.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("type" = "string"))]
pub enum Timeline {
    /// # Days
    ///
    /// Over a weekend or a few days.
    Days,
    /// # Weeks
    ///
    /// Within a couple of weeks.
    Weeks,
    /// # Months
    ///
    /// Slowly, a few users at a time over months.
    Months,
}

names!(Timeline {
    Days => "days",
    Weeks => "weeks",
    Months => "months",
});

impl Timeline {
    /// The decision table's value.
    #[must_use]
    pub const fn decision(self) -> decision::Timeline {
        match self {
            Self::Days => decision::Timeline::Days,
            Self::Weeks => decision::Timeline::Weeks,
            Self::Months => decision::Timeline::Months,
        }
    }
}

/// A migration path to Exchange Online.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("type" = "string"))]
pub enum Path {
    /// # Full hybrid
    ///
    /// Hybrid deployment with full coexistence; mailboxes move online in batches (remote move).
    FullHybrid,
    /// # Minimal hybrid
    ///
    /// Hybrid without coexistence features; directory synchronisation stays; mailboxes move online.
    MinimalHybrid,
    /// # Express hybrid
    ///
    /// Minimal hybrid with a one-time directory synchronisation, for a quick move.
    ExpressHybrid,
    /// # Staged migration
    ///
    /// Exchange 2003 or 2007 mailboxes move in batches; directory synchronisation is required.
    Staged,
    /// # Cutover migration
    ///
    /// Every mailbox moves in one batch (at most 2,000; 150 or fewer advised).
    Cutover,
    /// # IMAP migration
    ///
    /// Mail folders only, no calendars or contacts, from any IMAP server.
    Imap,
    /// # Google Workspace migration
    ///
    /// Mail, calendars and contacts from Google Workspace through Google's API.
    GoogleWorkspace,
    /// # Cross-tenant migration
    ///
    /// Mailboxes move between Microsoft 365 tenants (a paid add-on licence per user).
    CrossTenant,
    /// # Third-party tool
    ///
    /// A third-party migration tool reads the source.
    ThirdParty,
}

names!(Path {
    FullHybrid => "full_hybrid",
    MinimalHybrid => "minimal_hybrid",
    ExpressHybrid => "express_hybrid",
    Staged => "staged",
    Cutover => "cutover",
    Imap => "imap",
    GoogleWorkspace => "google_workspace",
    CrossTenant => "cross_tenant",
    ThirdParty => "third_party",
});

impl Path {
    /// The path for a decision table value.
    #[must_use]
    pub const fn from_decision(path: decision::Path) -> Self {
        match path {
            decision::Path::FullHybrid => Self::FullHybrid,
            decision::Path::MinimalHybrid => Self::MinimalHybrid,
            decision::Path::ExpressHybrid => Self::ExpressHybrid,
            decision::Path::Staged => Self::Staged,
            decision::Path::Cutover => Self::Cutover,
            decision::Path::Imap => Self::Imap,
            decision::Path::GoogleWorkspace => Self::GoogleWorkspace,
            decision::Path::CrossTenant => Self::CrossTenant,
            decision::Path::ThirdParty => Self::ThirdParty,
        }
    }

    /// The human name (the schema's title).
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::FullHybrid => "Full hybrid",
            Self::MinimalHybrid => "Minimal hybrid",
            Self::ExpressHybrid => "Express hybrid",
            Self::Staged => "Staged migration",
            Self::Cutover => "Cutover migration",
            Self::Imap => "IMAP migration",
            Self::GoogleWorkspace => "Google Workspace migration",
            Self::CrossTenant => "Cross-tenant migration",
            Self::ThirdParty => "Third-party tool",
        }
    }

    /// Whether this is one of the hybrid paths.
    #[must_use]
    pub const fn is_hybrid(self) -> bool {
        matches!(
            self,
            Self::FullHybrid | Self::MinimalHybrid | Self::ExpressHybrid
        )
    }
}

/// # Microsoft 365 tenant
///
/// The tenant the mailboxes move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tenant {
    /// # Tenant domain
    ///
    /// The tenant's initial domain, `<name>.onmicrosoft.com`.
    #[schemars(length(min = 1, max = 253), extend("format" = "hostname"), example = &"contoso.onmicrosoft.com")]
    pub domain: String,

    /// # Accepted domains
    ///
    /// The organisation's own mail domains, verified in the tenant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(length(min = 1, max = 253)), extend("uniqueItems" = true))]
    #[schemars(extend("items" = { "type": "string", "format": "hostname", "minLength": 1, "maxLength": 253 }))]
    pub accepted_domains: Vec<String>,
}

/// # Source server
///
/// How Exchange Online reaches the source mail system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceServer {
    /// # Host name
    ///
    /// The public host name of the source server (Outlook Anywhere, EWS or IMAP).
    #[schemars(length(min = 1, max = 253), extend("format" = "hostname"), example = &"mail.contoso.com")]
    pub hostname: String,

    /// # IMAP port
    ///
    /// The IMAP port: 993 with SSL, 143 with TLS or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u16", range(min = 1, max = 65535), example = 993)]
    pub port: Option<u16>,

    /// # IMAP security
    ///
    /// How the IMAP connection is protected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Security")]
    pub security: Option<Security>,

    /// # IMAP administrator login format
    ///
    /// How an administrator signs in on behalf of each user, when the migration uses
    /// administrator credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "AdminLoginFormat")]
    pub admin_login_format: Option<AdminLoginFormat>,
}

/// How the IMAP connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("type" = "string"))]
pub enum Security {
    /// # SSL
    ///
    /// Implicit TLS, usually on port 993.
    Ssl,
    /// # TLS
    ///
    /// STARTTLS, usually on port 143.
    Tls,
    /// # None
    ///
    /// No encryption (not advised), usually on port 143.
    None,
}

names!(Security {
    Ssl => "ssl",
    Tls => "tls",
    None => "none",
});

/// How an IMAP administrator signs in on behalf of a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("type" = "string"))]
pub enum AdminLoginFormat {
    /// # Exchange
    ///
    /// `domain/admin/user`.
    Exchange,
    /// # Dovecot
    ///
    /// `user*admin`.
    Dovecot,
    /// # Mirapoint
    ///
    /// `#user@domain#admin#`.
    Mirapoint,
    /// # None
    ///
    /// Each user's own login and password.
    None,
}

names!(AdminLoginFormat {
    Exchange => "exchange",
    Dovecot => "dovecot",
    Mirapoint => "mirapoint",
    None => "none",
});

/// A day of the week.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(extend("type" = "string"))]
pub enum Weekday {
    /// # Monday
    ///
    /// Batches may run on Mondays.
    Monday,
    /// # Tuesday
    ///
    /// Batches may run on Tuesdays.
    Tuesday,
    /// # Wednesday
    ///
    /// Batches may run on Wednesdays.
    Wednesday,
    /// # Thursday
    ///
    /// Batches may run on Thursdays.
    Thursday,
    /// # Friday
    ///
    /// Batches may run on Fridays.
    Friday,
    /// # Saturday
    ///
    /// Batches may run on Saturdays.
    Saturday,
    /// # Sunday
    ///
    /// Batches may run on Sundays.
    Sunday,
}

names!(Weekday {
    Monday => "monday",
    Tuesday => "tuesday",
    Wednesday => "wednesday",
    Thursday => "thursday",
    Friday => "friday",
    Saturday => "saturday",
    Sunday => "sunday",
});

/// # Schedule
///
/// Planning inputs for batches: when migrations may run and how fast.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// # Start date
    ///
    /// The first day a batch may run.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::optional_date"
    )]
    #[schemars(with = "DateSchema")]
    pub start: Option<Date>,

    /// # Time zone
    ///
    /// The IANA time zone the window and dates are in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(min = 1, max = 64), regex(pattern = r"^(UTC|[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)+)$"), example = &"Europe/London")]
    pub time_zone: Option<Zone>,

    /// # Migration days
    ///
    /// The days of the week on which batches run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1), extend("uniqueItems" = true))]
    pub days: Vec<Weekday>,

    /// # Migration window
    ///
    /// The hours in which batches run, `HH:MM-HH:MM` on a 24-hour clock; a window may pass
    /// midnight (`20:00-06:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"), example = &"20:00-06:00")]
    pub window: Option<Window>,

    /// # Blackout dates
    ///
    /// Dates on which no batch runs (holidays, month-end closing).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "time::dates")]
    #[schemars(with = "Vec<DateSchema>", extend("uniqueItems" = true))]
    pub blackout: Vec<Date>,

    /// # Throughput (GB per hour)
    ///
    /// The data volume the migration moves per hour, measured in a pilot or estimated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64", range(max = 10_000), extend("exclusiveMinimum" = 0), example = 10)]
    pub throughput_gb_per_hour: Option<f64>,

    /// # Largest batch (mailboxes)
    ///
    /// The most mailboxes one batch may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u32", range(min = 1, max = 50_000), example = 100)]
    pub max_batch_mailboxes: Option<u32>,

    /// # Pilot mailboxes
    ///
    /// Addresses of the mailboxes that move first, as a pilot batch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    #[schemars(extend("items" = { "type": "string", "format": "email" }))]
    pub pilot: Vec<String>,

    /// # Status report addresses
    ///
    /// Who receives each batch's status reports (`New-MigrationBatch -NotificationEmails`), for
    /// example the migration team's mailbox.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    #[schemars(extend("items" = { "type": "string", "format": "email" }))]
    pub notify: Vec<String>,
}

impl Schedule {
    /// The time zone of the dates and the window: the one named, or UTC.
    #[must_use]
    pub fn zone(&self) -> Zone {
        self.time_zone.clone().unwrap_or_default()
    }
}

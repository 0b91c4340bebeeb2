//! The answer file as Rust types: what `mma` reads, what the JSON Schema is generated from.
//!
//! Doc comments become the schema's titles (a first line `# Title`) and descriptions, so they are
//! written for the person filling in the file. Field names and enum values are part of the
//! interface (product.md, "The answer file"). The enums the decision table decides on (`Source`,
//! `Timeline`, `MigrationPath`) are generated from `decision-table.csv`, which holds their values,
//! titles and descriptions; this module adds what is not table data.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::time::{self, DateSchema};
pub use super::time::{Date, Window, Zone};
pub use crate::decision::{MigrationPath, Source, Timeline};

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
    #[schemars(with = "MigrationPath")]
    pub chosen_path: Option<MigrationPath>,

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

    /// # Cross-tenant migration
    ///
    /// The source tenant and the migration application, for a move from another Microsoft 365
    /// tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "CrossTenant")]
    pub cross_tenant: Option<CrossTenant>,

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
        cross_tenant: None,
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

/// `Named` through a type's own `ALL` and `name`.
macro_rules! named {
    ($($ty:ident),+ $(,)?) => {$(
        impl Named for $ty {
            fn all() -> &'static [Self] {
                &Self::ALL
            }

            fn name(self) -> &'static str {
                Self::name(self)
            }
        }
    )+};
}

// The decision table's enums: `decision-table.csv` declares their values, titles and
// descriptions, and `build.rs` generates them with `ALL`, `name`, `title`, `Display` and the
// serde and schemars derives.
named!(Source, Timeline, MigrationPath);

/// Declares a string enum that is not the decision table's with its names, an `ALL` list and
/// `Display`.
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

        named!($ty);

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

impl Source {
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

/// # Cross-tenant migration
///
/// The source tenant and the migration application, for a move from another Microsoft 365
/// tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossTenant {
    /// # Source tenant domain
    ///
    /// The source tenant's initial domain, `<name>.onmicrosoft.com`, which the migration
    /// endpoint names.
    #[schemars(length(min = 1, max = 253), extend("format" = "hostname"), example = &"fabrikam.onmicrosoft.com")]
    pub source_tenant: String,

    /// # Migration application ID
    ///
    /// The application (client) ID of the migration application registered in the target
    /// tenant: the endpoint signs in as it, with its secret asked for when the command runs.
    #[schemars(regex(pattern = r"^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$"), example = &"8c9d6e2a-3b1f-4c7d-9e0a-5f6b7c8d9e0f")]
    pub application_id: String,
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

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An Indonesian administrative region with its Kemendagri code (`"16"`, `"16.71"`, `"32.16.20"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Region {
    /// Official name with its type word where one exists: `"Kota Palembang"`, `"Kabupaten Bekasi"`.
    pub name: String,
    /// Kemendagri code; the number of dot-separated parts gives the level.
    pub code: String,
    pub level: RegionLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Province,
    Regency,
    City,
    District,
}

impl Region {
    /// The province code this region lies in (`"32.16.20"` → `"32"`).
    pub fn province_code(&self) -> &str {
        self.code.split('.').next().unwrap_or(&self.code)
    }
}

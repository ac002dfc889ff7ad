//! Where infradraft keeps its own files: the config directory (settings, keymap, themes, team
//! catalogs) and the data directory (recent-sessions index, the sample session).

use std::path::PathBuf;

use directories::ProjectDirs;
use thiserror::Error;

/// Set to a directory to keep everything infradraft writes under it (`config/` and `data/`).
pub const HOME_ENV: &str = "INFRADRAFT_HOME";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

#[derive(Debug, Error)]
#[error(
    "cannot tell where to keep infradraft's files: no home directory is known; set {HOME_ENV} to a directory"
)]
pub struct HomeError;

impl Home {
    /// `INFRADRAFT_HOME` when set, the platform's directories otherwise (XDG on Linux).
    pub fn locate() -> Result<Home, HomeError> {
        if let Some(root) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
            return Ok(Home::under(PathBuf::from(root)));
        }
        let dirs = ProjectDirs::from("", "", "infradraft").ok_or(HomeError)?;
        Ok(Home {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// Both directories under one root, as `INFRADRAFT_HOME` lays them out.
    pub fn under(root: PathBuf) -> Home {
        Home {
            config_dir: root.join("config"),
            data_dir: root.join("data"),
        }
    }

    pub fn recent_index(&self) -> PathBuf {
        self.data_dir.join("recent.ron")
    }

    /// The session a newcomer gets when starting infradraft without arguments.
    pub fn sample_session(&self) -> PathBuf {
        self.data_dir.join("sample-session.ron")
    }
}

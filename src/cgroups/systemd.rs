//! The user's systemd manager over the session bus: a transient scope per container.
//!
//! Threads: burrow forks and clones after these calls (the monitor starts the container and,
//! on restart, starts it again), and "never fork or clone while other threads run" is the
//! project's rule. So each call builds a current-thread tokio runtime, runs the whole
//! conversation on it (zbus with only its `tokio` feature has no executor thread of its own),
//! and drops it before returning: dropping the runtime joins its blocking pool, so no thread
//! outlives the call. One bus connection per call costs a few milliseconds; a container makes
//! one or two calls in its life.

use std::time::Duration;

use futures_util::StreamExt;
use zbus::zvariant::{OwnedObjectPath, Value};

use super::CgroupError;
use super::limits::Property;

const DESTINATION: &str = "org.freedesktop.systemd1";
const PATH: &str = "/org/freedesktop/systemd1";
const MANAGER: &str = "org.freedesktop.systemd1.Manager";

/// How long the manager may take to start or stop a scope.
const JOB_TIMEOUT: Duration = Duration::from_secs(10);

fn address() -> Result<String, CgroupError> {
    super::facts().bus.ok_or_else(|| CgroupError::Bus {
        address: "(none)".into(),
        message: "no session bus: neither DBUS_SESSION_BUS_ADDRESS nor $XDG_RUNTIME_DIR/bus is set; log in through a systemd session or use --cgroup-manager cgroupfs".into(),
    })
}

/// Runs one conversation with the manager on a runtime that ends with it (see above).
fn converse<T>(
    work: impl AsyncFnOnce(&zbus::Connection) -> Result<T, zbus::Error>,
    unit: &str,
) -> Result<T, CgroupError> {
    let address = address()?;
    let bus_err = |e: zbus::Error| CgroupError::Bus {
        address: address.clone(),
        message: match e {
            zbus::Error::MethodError(name, Some(text), _) => format!("{unit}: {text} ({name})"),
            other => format!("{unit}: {other}"),
        },
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| bus_err(zbus::Error::InputOutput(e.into())))?;
    let result = runtime.block_on(async {
        // The host's ID: inside the user's namespace getuid() is 0, which the bus refuses.
        let conn = zbus::connection::Builder::address(address.as_str())?
            .user_id(super::host_uid())
            .method_timeout(JOB_TIMEOUT)
            .build()
            .await?;
        tokio::time::timeout(JOB_TIMEOUT, work(&conn))
            .await
            .unwrap_or_else(|_| Err(zbus::Error::Failure("no answer within 10 seconds".into())))
    });
    drop(runtime);
    result.map_err(bus_err)
}

fn value(property: &Property) -> Value<'_> {
    match property {
        Property::U64(v) => Value::U64(*v),
        Property::Bool(v) => Value::Bool(*v),
        Property::Str(v) => Value::from(v.as_str()),
        Property::Bytes(v) => Value::from(v.clone()),
        Property::Pids(v) => Value::from(v.clone()),
        Property::Devices(v) => Value::from(v.clone()),
    }
}

/// Waits for the manager's JobRemoved of `job`, and returns its result ("done" on success).
async fn job_result(
    signals: &mut zbus::MessageStream,
    job: &OwnedObjectPath,
) -> Result<String, zbus::Error> {
    while let Some(message) = signals.next().await {
        let message = message?;
        let Ok((_id, path, _unit, result)) = message
            .body()
            .deserialize::<(u32, OwnedObjectPath, String, String)>()
        else {
            continue;
        };
        if &path == job {
            return Ok(result);
        }
    }
    Err(zbus::Error::Failure(
        "the bus closed before the job ended".into(),
    ))
}

async fn job_signals(conn: &zbus::Connection) -> Result<zbus::MessageStream, zbus::Error> {
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .sender(DESTINATION)?
        .interface(MANAGER)?
        .member("JobRemoved")?
        .build();
    let stream = zbus::MessageStream::for_match_rule(rule, conn, Some(64)).await?;
    call(conn, "Subscribe", &()).await?;
    Ok(stream)
}

/// Starts the transient scope `unit` and waits until the manager has placed its processes.
pub fn start_scope(unit: &str, properties: &[(&'static str, Property)]) -> Result<(), CgroupError> {
    let props: Vec<(&str, Value)> = properties.iter().map(|(n, p)| (*n, value(p))).collect();
    let aux: Vec<(&str, Vec<(&str, Value)>)> = Vec::new();
    let result = converse(
        async |conn| {
            let mut signals = job_signals(conn).await?;
            let reply = call(conn, "StartTransientUnit", &(unit, "fail", &props, &aux)).await?;
            let job: OwnedObjectPath = reply.body().deserialize()?;
            job_result(&mut signals, &job).await
        },
        unit,
    )?;
    if result != "done" {
        let _ = stop_unit(unit);
        return Err(CgroupError::Job {
            unit: unit.to_string(),
            result,
        });
    }
    Ok(())
}

/// One call of a manager method on `conn`.
async fn call<B>(
    conn: &zbus::Connection,
    method: &str,
    body: &B,
) -> Result<zbus::Message, zbus::Error>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    conn.call_method(Some(DESTINATION), PATH, Some(MANAGER), method, body)
        .await
}

/// A conversation of one call about `unit` whose answer carries nothing we need.
fn call_once<B>(unit: &str, method: &str, body: &B) -> Result<(), CgroupError>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    converse(async |conn| call(conn, method, body).await.map(drop), unit)
}

/// Stops the scope (its processes are killed by the manager; its cgroup goes with it).
pub fn stop_unit(unit: &str) -> Result<(), CgroupError> {
    call_once(unit, "StopUnit", &(unit, "replace"))
}

/// Moves `pid` into the scope through the manager (it may ask PID 1 to move a process from a
/// cgroup outside the user's own subtree, which the user could not).
pub fn attach(unit: &str, pid: u32) -> Result<(), CgroupError> {
    call_once(unit, "AttachProcessesToUnit", &(unit, "", vec![pid]))
}

/// Changes the scope's unit properties at run time (`update`).
pub fn set_properties(
    unit: &str,
    properties: &[(&'static str, Property)],
) -> Result<(), CgroupError> {
    let props: Vec<(&str, Value)> = properties.iter().map(|(n, p)| (*n, value(p))).collect();
    call_once(unit, "SetUnitProperties", &(unit, true, &props))
}

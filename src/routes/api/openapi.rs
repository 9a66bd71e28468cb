//! The OpenAPI 3.1 description of `/api/v1`, served at `/api/openapi.json`.

use axum::Json;
use serde_json::{Value, json};

pub async fn get_openapi() -> Json<Value> {
    Json(document())
}

fn document() -> Value {
    let error = json!({ "$ref": "#/components/responses/Error" });
    let page = json!([
        { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1, "default": 1 } },
        { "name": "per_page", "in": "query",
          "schema": { "type": "integer", "minimum": 1, "maximum": super::model::PER_PAGE_MAX,
                      "default": super::model::PER_PAGE_DEFAULT } }
    ]);
    let year =
        json!({ "name": "year", "in": "path", "required": true, "schema": { "type": "integer" } });
    let ok = |schema: Value| json!({ "description": "OK", "content": { "application/json": { "schema": schema } } });
    let paged = |items: &str| {
        json!({ "type": "object", "properties": {
            "total": { "type": "integer" }, "page": { "type": "integer" }, "per_page": { "type": "integer" },
            "items": { "type": "array", "items": { "$ref": format!("#/components/schemas/{items}") } } } })
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sdp-tracker API",
            "version": "1",
            "description": "The EU–Canada Security and Defence Partnership: commitments, review cycles and each side's assessments. Authenticate with a personal token (`sdp-tracker token add`) as `Authorization: Bearer TOKEN`, or the login session. Lists take `page` and `per_page`. Errors are `{\"error\": {status, title, detail, request_id, code, errors?, current_version?}}`."
        },
        "security": [{ "bearer": [] }, { "session": [] }],
        "paths": {
            "/api/v1/partnerships/{slug}": { "get": {
                "summary": "A partnership (the default one is `eu-canada`)",
                "parameters": [{ "name": "slug", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": ok(json!({ "type": "object" })), "401": error, "404": error } } },
            "/api/v1/commitments": { "get": {
                "summary": "The commitments of the default partnership, in text order",
                "parameters": page,
                "responses": { "200": ok(paged("Commitment")), "400": error, "401": error } } },
            "/api/v1/commitments/{ref}": { "get": {
                "summary": "One commitment and both sides' assessments in the current cycle",
                "parameters": [{ "name": "ref", "in": "path", "required": true, "example": "25%28c%29",
                                 "schema": { "type": "string" } }],
                "responses": { "200": ok(json!({ "$ref": "#/components/schemas/Commitment" })), "401": error, "404": error } } },
            "/api/v1/cycles": { "get": {
                "summary": "The review cycles, latest first",
                "parameters": page,
                "responses": { "200": ok(paged("Cycle")), "400": error, "401": error } } },
            "/api/v1/cycles/{year}": { "get": {
                "summary": "A review cycle with its submission counts",
                "parameters": [year],
                "responses": { "200": ok(json!({ "$ref": "#/components/schemas/Cycle" })), "401": error, "404": error } } },
            "/api/v1/cycles/{year}/assessments": {
                "get": {
                    "summary": "The current assessment of each commitment by each side",
                    "parameters": [year,
                        { "name": "ref", "in": "query", "schema": { "type": "string" } },
                        { "name": "side", "in": "query", "schema": { "enum": ["eu", "ca"] } },
                        page[0], page[1]],
                    "responses": { "200": ok(paged("Assessment")), "400": error, "401": error, "404": error } },
                "post": {
                    "summary": "Save a new revision of your side's assessment",
                    "parameters": [year, { "name": "If-Match", "in": "header", "required": true,
                        "description": "The version you saw, quoted: \"0\" for the first assessment",
                        "schema": { "type": "string", "example": "\"0\"" } }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": {
                        "type": "object", "required": ["ref", "side", "status"], "additionalProperties": false,
                        "properties": {
                            "ref": { "type": "string", "example": "25(c)" },
                            "side": { "enum": ["eu", "ca"] },
                            "status": { "$ref": "#/components/schemas/Status" },
                            "narrative": { "type": "string", "maxLength": 20000,
                                "description": "Required for challenges, completed_modified and discontinued" },
                            "evidence": { "type": "array", "maxItems": 10, "items": { "oneOf": [
                                { "type": "string", "format": "uri" },
                                { "$ref": "#/components/schemas/Evidence" }] } } } } } } },
                    "responses": {
                        "201": { "description": "Saved; ETag is the new version",
                                 "headers": { "ETag": { "schema": { "type": "string" } } },
                                 "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Assessment" } } } },
                        "400": error, "401": error,
                        "403": { "description": "Another side's assessment, or a read-only account", "$ref": "#/components/responses/Error" },
                        "404": error,
                        "409": { "description": "The cycle is not open", "$ref": "#/components/responses/Error" },
                        "412": { "description": "Stale If-Match; `current_version` and ETag give the current one", "$ref": "#/components/responses/Error" },
                        "415": error,
                        "422": { "description": "Invalid status, missing narrative, non-http(s) link; `errors` lists each", "$ref": "#/components/responses/Error" },
                        "428": { "description": "If-Match missing", "$ref": "#/components/responses/Error" } } } }
        },
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer" },
                "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE }
            },
            "responses": { "Error": { "description": "An error", "content": { "application/json": { "schema": {
                "type": "object", "properties": { "error": { "type": "object", "properties": {
                    "status": { "type": "integer" }, "title": { "type": "string" }, "detail": { "type": ["string", "null"] },
                    "request_id": { "type": ["string", "null"] }, "code": { "type": "string" },
                    "current_version": { "type": "integer" },
                    "errors": { "type": "array", "items": { "type": "object", "properties": {
                        "field": { "type": "string" }, "pointer": { "type": "string" },
                        "code": { "type": "string" }, "message": { "type": "string" } } } } } } } } } } } },
            "schemas": {
                "Status": { "enum": crate::domain::status::Status::ALL.map(|s| s.as_str()) },
                "Evidence": { "type": "object", "required": ["url"], "properties": {
                    "url": { "type": "string", "format": "uri" }, "label": { "type": "string", "maxLength": 200 } } },
                "Commitment": { "type": "object", "properties": {
                    "ref": { "type": "string" }, "paragraph": { "type": "integer" },
                    "area": { "type": "object", "properties": { "slug": { "type": "string" }, "title": { "type": "string" } } },
                    "text": { "type": "string" } } },
                "Cycle": { "type": "object", "properties": {
                    "year": { "type": "integer" }, "title": { "type": "string" },
                    "state": { "enum": crate::domain::cycle::CycleState::ALL.map(|s| s.as_str()) },
                    "meeting_date": { "type": "string", "format": "date" }, "place": { "type": "string" },
                    "opens_on": { "type": "string", "format": "date" }, "deadline": { "type": "string", "format": "date" } } },
                "Assessment": { "type": "object", "properties": {
                    "ref": { "type": "string" }, "side": { "enum": ["eu", "ca"] },
                    "version": { "type": "integer", "description": "Send it back as If-Match to write the next one" },
                    "status": { "$ref": "#/components/schemas/Status" }, "narrative": { "type": "string" },
                    "evidence": { "type": "array", "items": { "$ref": "#/components/schemas/Evidence" } },
                    "author": { "type": "string" }, "at": { "type": "string", "format": "date-time" } } }
            }
        }
    })
}

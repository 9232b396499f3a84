"""Files: uploads and file ids in requests, photo sizes, ``getFile`` and downloads."""

from __future__ import annotations

import itertools
import mimetypes
import struct
from urllib.parse import urlsplit

from .errors import ApiError, bad_request
from .model import FileInfo, FileRecord, JSONDict
from .state import FakeState
from .wire import Outcome, RequestParams

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024


class FilesMixin(FakeState):
    """Every file the fake stores, by ``file_id`` and by download path."""

    def __init__(self) -> None:
        super().__init__()
        self._files: dict[str, FileRecord] = {}
        self._files_by_path: dict[str, FileRecord] = {}
        self._file_ids = itertools.count(1)

    def create_file(
        self,
        kind: str,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        source_url: str | None = None,
    ) -> FileRecord:
        with self.lock:
            number = next(self._file_ids)
            extension = ""
            if file_name and "." in file_name:
                extension = "." + file_name.rsplit(".", 1)[1]
            elif mime_type:
                extension = mimetypes.guess_extension(mime_type) or ""
            elif kind == "photo":
                extension = ".jpg"
            record = FileRecord(
                file_id=f"fake-{kind}-{number:06d}",
                file_unique_id=f"AgAD{number:06d}",
                kind=kind,
                content=content,
                file_path=f"{kind}s/file_{number}{extension}",
                file_name=file_name,
                mime_type=mime_type,
                source_url=source_url,
            )
            self._files[record.file_id] = record
            self._files_by_path[record.file_path] = record
            return record

    def photo_sizes(self, record: FileRecord) -> list[JSONDict]:
        """PhotoSize list for a photo file (small thumbnail + full size, same bytes)."""
        width, height = _image_size(record.content)
        with self.lock:
            thumb = self.create_file("photo", record.content, mime_type=record.mime_type)
        scale = min(1.0, 90 / max(width, height))
        return [
            {
                "file_id": thumb.file_id,
                "file_unique_id": thumb.file_unique_id,
                "width": max(1, int(width * scale)),
                "height": max(1, int(height * scale)),
                "file_size": len(record.content),
            },
            {
                "file_id": record.file_id,
                "file_unique_id": record.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(record.content),
            },
        ]

    def file(self, file_id: str) -> FileInfo:
        with self.lock:
            return self._files[file_id].info()

    def _input_file(self, p: RequestParams, name: str, kind: str) -> FileRecord:
        upload = p.upload(name)
        if upload is not None:
            if not upload.content:
                raise bad_request("file must be non-empty")
            if len(upload.content) > MAX_UPLOAD_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename or "")[0] or mime
            return self.create_file(
                kind,
                upload.content,
                file_name=upload.filename if kind == "document" else None,
                mime_type=mime,
            )
        value = p.get_str(name)
        if not value:
            raise bad_request(f"there is no {name} in the request")
        if value.startswith(("http://", "https://")):
            file_name = urlsplit(value).path.rsplit("/", 1)[-1] or None
            return self.create_file(
                kind,
                b"",
                file_name=file_name if kind == "document" else None,
                mime_type=mimetypes.guess_type(file_name or "")[0],
                source_url=value,
            )
        record = self._files.get(value)
        if record is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return record

    def _m_get_file(self, p: RequestParams) -> JSONDict:
        record = self._files.get(p.require_str("file_id"))
        if record is None:
            raise bad_request("invalid file_id")
        if len(record.content) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_size": len(record.content),
            "file_path": record.file_path,
        }

    def _download(self, token: str, file_path: str) -> Outcome:
        with self.lock:
            if token != self.token:
                return Outcome.json(401, ApiError(401, "Unauthorized").payload())
            record = self._files_by_path.get(file_path)
            if record is None:
                return Outcome.json(404, ApiError(404, "Not Found: file not found").payload())
            return Outcome(
                status=200,
                body=record.content,
                content_type=record.mime_type or "application/octet-stream",
            )


def _image_size(content: bytes) -> tuple[int, int]:
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    return 800, 600

/* The activity page's photo viewer: the modal shows the photo whose thumbnail was clicked. */
document.getElementById("photo-modal").addEventListener("show.bs.modal", function (event) {
  var link = event.relatedTarget;
  var image = document.getElementById("photo-modal-image");
  image.src = link.dataset.photoSrc;
  image.alt = link.querySelector("img").alt;
});

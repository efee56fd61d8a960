/**
 * The report's inline script (plain ES2017, no template literals). It reads the embedded JSON
 * (`#data`), renders the day map (SVG), the timelines, the körlistor and client weeks, and applies
 * the team / staff / day filters. Every text from the data is escaped before it enters markup.
 * When done it sets `data-ready` on `<html>`, `window.__reportReadyMs` (time since navigation start)
 * and `window.__reportScriptMs` (time spent in this script).
 */
import { VIEWS } from './views.js';

export const SCRIPT = String.raw`(function(){
'use strict';
${VIEWS}
var T0=performance.now();
var D=JSON.parse(document.getElementById('data').textContent);
var V=slingaViews(D);
var NB=D.bases.length,T=V.T,$=V.$,esc=V.esc,hhmm=V.hhmm,staffLabel=V.staffLabel,clientLabel=V.clientLabel,baseLabel=V.baseLabel,taskList=V.taskList,others=V.others,CHG=V.CHG,badge=V.badge,renderMap=V.renderMap,renderTimeline=V.renderTimeline;
var F={team:-1,staff:-1,day:D.days.length?0:-1};
var selTeam=$('f-team'),selStaff=$('f-staff'),selDay=$('f-day');
var byClient=null,metBy=null;
function index(){
  if(byClient)return;byClient=[];metBy=[];
  for(var i=0;i<D.clients.length;i++)byClient.push([]);
  for(var s=0;s<D.staff.length;s++)metBy.push({});
  D.visits.forEach(function(v,vi){byClient[v[0]].push(vi);v[4].forEach(function(s){metBy[s][v[0]]=1;});});
  byClient.forEach(function(l){l.sort(function(a,b){return D.visits[a][2]-D.visits[b][2];});});
}
function routeShown(r){if(F.team>=0&&D.staff[r[0]][2]!==F.team)return false;if(F.staff>=0&&r[0]!==F.staff)return false;return true;}
function dayRoutes(){var out=[];D.routes.forEach(function(r,ri){if(r[1]===F.day&&routeShown(r))out.push(ri);});return out;}
function korlista(ri){
  var r=D.routes[ri],ev=r[6],day=D.days[r[1]],rows=[],tb=0,si=r[0];
  rows.push('<tr><td>'+hhmm(r[4])+'</td><td colspan="5">'+esc(T.start+': '+T.base+' '+baseLabel(r[3]))+'</td></tr>');
  for(var i=0;i<ev.length;i+=5){
    if(ev[i]===0)tb+=ev[i+2]-ev[i+1];
    else if(ev[i]===3){rows.push('<tr><td>'+hhmm(ev[i+1])+'\u2013'+hhmm(ev[i+2])+'</td><td colspan="5">'+esc(T.break+(ev[i+3]>=0&&ev[i+3]<NB?' ('+T.base+')':''))+'</td></tr>');}
    else if(ev[i]===2){var v=D.visits[ev[i+3]];if(!v)continue;var c=D.clients[v[0]];
      rows.push('<tr'+(CHG[ev[i+3]]?' class="chg"':'')+'><td>'+hhmm(ev[i+1])+'\u2013'+hhmm(ev[i+2])+badge(ev[i+3])+'</td><td>'+esc(clientLabel(v[0]))+'</td><td>'+esc(c[5])+'</td><td>'+esc(taskList(v))+'</td><td>'+esc(others(v,si))+'</td><td class="n">'+tb+'</td></tr>');tb=0;}
  }
  rows.push('<tr><td>'+hhmm(r[5])+'</td><td colspan="5">'+esc(T.end+': '+T.base+' '+baseLabel(r[3])+(tb?' ('+T.travel+' '+tb+' '+T.min+')':''))+'</td></tr>');
  return '<section class="korlista" data-s="'+si+'"><h3>'+esc(T.korlista+' \u2014 '+staffLabel(si)+' \u2014 '+day[1]+' \u2014 '+T.shift+' '+hhmm(r[4])+'\u2013'+hhmm(r[5]))+'</h3><div class="wrap"><table><thead><tr><th>'+esc(T.time)+'</th><th>'+esc(T.client)+'</th><th>'+esc(T.address)+'</th><th>'+esc(T.tasks)+'</th><th>'+esc(T.with)+'</th><th class="n">'+esc(T.travelBefore)+'</th></tr></thead><tbody>'+rows.join('')+'</tbody></table></div></section>';
}
function renderKorlistor(){
  var out=[];
  D.routes.forEach(function(r,ri){if((F.day<0||r[1]===F.day)&&routeShown(r))out.push(korlista(ri));});
  $('kl-list').innerHTML=out.length?out.join(''):'<p>'+esc(T.noRoutes)+'</p>';
}
function weekOf(ci){
  index();
  var cells=D.days.map(function(d){return [];});
  byClient[ci].forEach(function(vi){var v=D.visits[vi];var ss=v[4].map(staffLabel).join(', ');
    cells[v[1]].push('<li'+(CHG[vi]?' class="chg"':'')+'>'+hhmm(v[2])+'\u2013'+hhmm(v[3])+' '+esc(ss)+badge(vi)+'<br><span class="id">'+esc(taskList(v))+'</span></li>');});
  return '<div class="week">'+D.days.map(function(d,i){return '<div><b>'+esc(d[1])+'</b>'+(cells[i].length?'<ul style="margin:0;padding-left:1em">'+cells[i].join('')+'</ul>':'<span class="id">'+esc(T.noVisits)+'</span>')+'</div>';}).join('')+'</div>';
}
function toggleWeek(btn){
  var tr=btn.closest('tr'),open=btn.getAttribute('aria-expanded')==='true',next=tr.nextElementSibling;
  if(open){if(next&&next.classList.contains('det'))next.remove();btn.setAttribute('aria-expanded','false');return;}
  var d=document.createElement('tr');d.className='det';
  d.innerHTML='<td colspan="'+tr.children.length+'">'+weekOf(+tr.getAttribute('data-c'))+'</td>';
  tr.parentNode.insertBefore(d,tr.nextSibling);btn.setAttribute('aria-expanded','true');
}
function filterRows(){
  index();
  var n=0,tot=0;
  document.querySelectorAll('#clients tbody tr[data-c]').forEach(function(tr){
    var c=+tr.getAttribute('data-c'),ok=(F.team<0||D.clients[c][2]===F.team)&&(F.staff<0||metBy[F.staff][c]===1);
    tr.hidden=!ok;var nx=tr.nextElementSibling;if(nx&&nx.classList.contains('det'))nx.hidden=!ok;tot++;if(ok)n++;});
  $('n-clients').textContent=T.showing+' '+n+' '+T.of+' '+tot;
  n=0;tot=0;
  document.querySelectorAll('#staff tbody tr[data-s]').forEach(function(tr){
    var s=+tr.getAttribute('data-s'),ok=(F.team<0||D.staff[s][2]===F.team)&&(F.staff<0||s===F.staff);tr.hidden=!ok;tot++;if(ok)n++;});
  $('n-staff').textContent=T.showing+' '+n+' '+T.of+' '+tot;
  var un=$('n-unplanned');
  if(un){n=0;tot=0;
    document.querySelectorAll('#unplanned tbody tr').forEach(function(tr){
      var t=+tr.getAttribute('data-team'),a=+tr.getAttribute('data-from'),b=+tr.getAttribute('data-to');
      var ok=(F.team<0||t===F.team)&&(F.day<0||(a<=F.day&&F.day<=b));tr.hidden=!ok;tot++;if(ok)n++;});
    un.textContent=T.showing+' '+n+' '+T.of+' '+tot;}
}
function update(){
  if(F.day>=0){var rs=dayRoutes();$('day-msg').textContent=rs.length?T.showing+' '+rs.length+' '+(rs.length===1?T.route:T.routes)+' \u2014 '+D.days[F.day][1]:T.noRoutes;renderMap(rs);renderTimeline(rs);$('day-views').hidden=!rs.length;}
  else{$('day-msg').textContent=T.chooseDay;$('day-views').hidden=true;}
  renderKorlistor();filterRows();
}
function syncStaffOptions(){
  Array.prototype.forEach.call(selStaff.options,function(o){if(o.value==='')return;var ok=F.team<0||D.staff[+o.value][2]===F.team;o.hidden=!ok;o.disabled=!ok;});
  if(F.staff>=0&&F.team>=0&&D.staff[F.staff][2]!==F.team){F.staff=-1;selStaff.value='';}
}
selTeam.addEventListener('change',function(){F.team=selTeam.value===''?-1:+selTeam.value;syncStaffOptions();update();});
selStaff.addEventListener('change',function(){F.staff=selStaff.value===''?-1:+selStaff.value;update();});
selDay.addEventListener('change',function(){F.day=selDay.value===''?-1:+selDay.value;update();});
$('f-reset').addEventListener('click',function(){F.team=-1;F.staff=-1;F.day=D.days.length?0:-1;selTeam.value='';selStaff.value='';selDay.value=F.day<0?'':String(F.day);syncStaffOptions();update();});
function pickStaff(s){F.staff=s;if(F.team>=0&&D.staff[s][2]!==F.team){F.team=-1;selTeam.value='';syncStaffOptions();}selStaff.value=String(s);update();}
$('legend').addEventListener('click',function(e){var b=e.target.closest('button[data-staff]');if(b)pickStaff(+b.getAttribute('data-staff'));});
$('staff').addEventListener('click',function(e){var b=e.target.closest('button[data-staff]');if(!b)return;pickStaff(+b.getAttribute('data-staff'));var h=$('korlistor-h');h.focus();h.scrollIntoView();});
$('clients').addEventListener('click',function(e){var b=e.target.closest('button.wk');if(b)toggleWeek(b);});
$('print').addEventListener('click',function(){window.print();});
selDay.value=F.day<0?'':String(F.day);
update();
document.documentElement.setAttribute('data-ready','1');
window.__reportReadyMs=performance.now();
window.__reportScriptMs=window.__reportReadyMs-T0;
})();`;
